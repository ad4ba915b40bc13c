# Pinned versions and cache paths of the test cluster; sourced by build, up and down.
# Override the cache root with WEBGARDEN_K8S_CACHE (default ~/.cache/webgarden-k8s).
K8S_VERSION=1.35.4
ETCD_VERSION=3.6.16
KWOK_VERSION=0.8.0
K8S_CACHE=${WEBGARDEN_K8S_CACHE:-$HOME/.cache/webgarden-k8s}
K8S_BIN=$K8S_CACHE/$K8S_VERSION/bin
K8S_STAMP=$K8S_BIN/.stamp
K8S_STAMP_TEXT="kubernetes=$K8S_VERSION etcd=$ETCD_VERSION kwok=$KWOK_VERSION"
