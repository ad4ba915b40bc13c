# Sourced by the benchmarks that run the sidecar jar alone (compression.sh, output-cache.sh):
# checks the tools, makes $WORK (removed on exit) and starts the jar on a site in its own
# session, stopped with its node processes on exit.
#   require_tools TOOL...       exits 2 naming the first missing one
#   start_sidecar SITE PORT     starts the jar serving SITE on 127.0.0.1-reachable PORT
JAR=${SIDECAR_JAR:-sidecar/target/webgarden-sidecar.jar}
JVM_OPTS="-XX:+UseSerialGC -Xms32m -Xmx64m -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError"

require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "${0##*/}: $tool is missing" >&2; exit 2; }
  done
  [[ -f $JAR ]] || { echo "${0##*/}: no $JAR; run mvn -pl sidecar -am package" >&2; exit 2; }
}

WORK=$(mktemp -d "/tmp/webgarden-${0##*/}.XXXXXX")
SIDECAR_PID=
cleanup() {
  [[ -z $SIDECAR_PID ]] || kill -TERM -- "-$SIDECAR_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start_sidecar() {
  # shellcheck disable=SC2086 # JVM_OPTS is a list of flags
  setsid java $JVM_OPTS -jar "$JAR" serve --port="$2" --admin-port=0 "$1" \
    >"$WORK/sidecar.log" 2>&1 &
  SIDECAR_PID=$!
}
