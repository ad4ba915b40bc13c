# Names, addresses and paths of the test node; sourced by node/up and node/down with $state set.
# Everything is derived from the state folder, so down finds what up made, and two clusters on
# one machine get different namespaces, cgroups and sockets.
state=$(realpath -m "$state")
node_id=$(printf %s "$state" | sha1sum | cut -c1-6)
NODE_DIR=$state/node
# Sockets need short paths (108 bytes): a run folder of the node's own.
NODE_RUN=/run/webgarden-node-$node_id
NODE_NS=wg-$node_id-node
CLIENT_NS=wg-$node_id-client
NODE_VETH=wg${node_id}n
CLIENT_VETH=wg${node_id}c
CGROUP_ROOT=webgarden-node-$node_id
CNI_NETWORK=webgarden-$node_id
NODE_NAME=webgarden-node
# Private addresses that exist only inside the two namespaces: the node and a client beside it,
# joined by a veth pair; the client's only route leads to the node.
NODE_IP=10.254.0.2
CLIENT_IP=10.254.0.1
POD_CIDR=10.244.0.0/24
PAUSE_IMAGE=webgarden.local/pause:3.10

# Runs a command in the node's network and mount namespaces (nsenter, not `ip netns exec`:
# that remounts /sys and would hide the cgroup hierarchies the kubelet needs).
IN_NODE=(nsenter --mount="$NODE_DIR/ns/mnt" --net="/run/netns/$NODE_NS" --)
in_node() { "${IN_NODE[@]}" "$@"; }

# The cgroup hierarchies of this machine (cgroup v1, one mount per controller).
cgroup_mounts() { awk '$3 == "cgroup" {print $2}' /proc/mounts; }

log() { echo "node: $* ($((SECONDS - ${start_seconds:-0})) s)"; }
fail() { echo "node: $*" >&2; exit 1; }
