#!/usr/bin/env bash
# Requests/s of a node response served from the output cache against the same response from node,
# through the sidecar jar: two folders hold the same hello-world app (one process each), one with
# a <caching> profile (CacheForTimePeriod), one without. All traffic stays on 127.0.0.1; wrk shares
# the cores with the sidecar and node, and the machine may be shared: compare rows of one run.
# Prints a markdown section for docs/benchmarks.md.
#
# Environment (all optional): CONNECTIONS=64 WARMUP=10 DURATION=15 THREADS=2 PORT=18401
#   SIDECAR_JAR=sidecar/target/webgarden-sidecar.jar
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-15}
THREADS=${THREADS:-2}
PORT=${PORT:-18401}
source "$(dirname "$0")/sidecar-jar.sh"
require_tools wrk curl java node

for folder in cached plain; do
  mkdir -p "$WORK/site/$folder"
  cp "$(dirname "$0")/hello.js" "$WORK/site/$folder/app.js"
done
profile='<caching><profiles><add extension=".js" policy="CacheForTimePeriod" duration="00:10:00"/></profiles></caching>'
for folder in cached plain; do
  cat >"$WORK/site/$folder/web.config" <<XML
<configuration><system.webServer>
  <handlers><add name="iisnode" path="app.js" verb="*" modules="iisnode"/></handlers>
  $([[ $folder == cached ]] && echo "$profile")
</system.webServer></configuration>
XML
done

start_sidecar "$WORK/site" "$PORT"
deadline=$((SECONDS + 60))
for folder in cached plain; do
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/$folder/app.js"; do
    ((SECONDS < deadline)) || { echo "the sidecar did not serve:" >&2; cat "$WORK/sidecar.log" >&2; exit 1; }
    sleep 0.2
  done
done

measure() { # measure FOLDER: prints "req/s|p50|p99"
  local url="http://127.0.0.1:$PORT/$1/app.js"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" >"$WORK/wrk.txt"
  awk '/^Requests\/sec:/ {rps = sprintf("%.0f", $2)}
       $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2}
       END {print rps "|" p50 "|" p99}' "$WORK/wrk.txt"
}

load=$(cut -d' ' -f1 /proc/loadavg)
echo "#### $(date -u '+%Y-%m-%d %H:%M') UTC (load average $load at the start)"
echo
echo "$(nproc) cores, shared with wrk; wrk -t$THREADS -c$CONNECTIONS, ${WARMUP} s warm-up, ${DURATION} s measured;"
echo "bench/hello.js, one node process per folder."
echo
echo "| Response | Requests/s | p50 | p99 |"
echo "|---|---|---|---|"
IFS='|' read -r rps p50 p99 < <(measure cached)
echo "| from the output cache | $rps | $p50 | $p99 |"
IFS='|' read -r rps p50 p99 < <(measure plain)
echo "| from node | $rps | $p50 | $p99 |"
