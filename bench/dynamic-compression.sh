#!/usr/bin/env bash
# What dynamic compression (urlCompression/@doDynamicCompression) costs, through the sidecar jar:
# two folders run the same node app (one process each), which answers a 20 KiB HTML page of
# seeded random text, streamed (chunked, no Content-Length) as most frameworks send it; one folder
# turns dynamic compression on. Rows: off, on without Accept-Encoding (headers only), on with gzip,
# on with br, each warmed up, then measured in turn, twice. Each row: requests/s, bytes per response, the sidecar JVM's CPU per request (user +
# system time over the measured window / requests; node's CPU is not counted).
# All traffic stays on 127.0.0.1; wrk shares the cores with the sidecar and node, and the machine
# may be shared: compare rows of one run only. Prints a markdown section for docs/benchmarks.md.
#
# Environment (all optional): CONNECTIONS=64 WARMUP=10 DURATION=15 THREADS=2 PORT=18402
#   SIDECAR_JAR=sidecar/target/webgarden-sidecar.jar
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-15}
THREADS=${THREADS:-2}
PORT=${PORT:-18402}
source "$(dirname "$0")/sidecar-jar.sh"
require_tools wrk curl java node
CLK_TCK=$(getconf CLK_TCK)

for folder in on off; do
  mkdir -p "$WORK/site/$folder"
  cat >"$WORK/site/$folder/app.js" <<'JS'
'use strict';
const http = require('http');
let x = 12345;
const words = [];
for (let i = 0; i < 400; i++) {
  x = (x * 1103515245 + 12345) % 2147483648;
  words.push('w' + x.toString(36).slice(0, 3 + (x % 6)));
}
let page = '<!doctype html><html><body>\n';
while (page.length < 20 * 1024) {
  x = (x * 1103515245 + 12345) % 2147483648;
  page += '<p class="' + words[x % 400] + '">' + words[(x >> 8) % 400] + ' ' + words[(x >> 16) % 400] + '</p>\n';
}
const body = Buffer.from(page.slice(0, 20 * 1024));
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(body);
});
server.keepAliveTimeout = 65000;
server.listen(process.env.PORT);
JS
  cat >"$WORK/site/$folder/web.config" <<XML
<configuration><system.webServer>
  <handlers><add name="iisnode" path="app.js" verb="*" modules="iisnode"/></handlers>
  <iisnode nodeProcessCountPerApplication="1"/>
  <urlCompression doDynamicCompression="$([[ $folder == on ]] && echo true || echo false)"/>
</system.webServer></configuration>
XML
done

start_sidecar "$WORK/site" "$PORT"
deadline=$((SECONDS + 30))
for folder in on off; do
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/$folder/app.js"; do
    ((SECONDS < deadline)) || { echo "the sidecar did not start:" >&2; cat "$WORK/sidecar.log" >&2; exit 1; }
    sleep 0.2
  done
done
JAVA_PID=$(pgrep -P "$SIDECAR_PID" java || echo "$SIDECAR_PID")

cpu_ticks() { # user + system clock ticks of the sidecar's JVM so far
  local stat fields
  stat=$(<"/proc/$JAVA_PID/stat")
  read -r -a fields <<<"${stat##*) }"
  echo $((fields[11] + fields[12]))
}

ROWS=("off|" "on|" "on|gzip" "on|br")

warm_up() { # warm_up FOLDER ACCEPT_ENCODING
  local header=()
  [[ -z $2 ]] || header=(-H "Accept-Encoding: $2")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${header[@]}" \
    "http://127.0.0.1:$PORT/$1/app.js" >/dev/null
}

measure() { # measure FOLDER ACCEPT_ENCODING: prints "req/s|bytes per response|CPU µs/request|p99"
  local url="http://127.0.0.1:$PORT/$1/app.js" header=() bytes before after requests
  [[ -z $2 ]] || header=(-H "Accept-Encoding: $2")
  bytes=$(curl -s "${header[@]}" "$url" | wc -c)
  before=$(cpu_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${header[@]}" "$url" >"$WORK/wrk.txt"
  after=$(cpu_ticks)
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  awk -v b="$bytes" -v t=$((after - before)) -v n="$requests" -v hz="$CLK_TCK" '
    /^Requests\/sec:/ { rps = $2 }
    $1 == "99%" { p99 = $2 }
    END { printf "%.0f|%s|%.1f|%s\n", rps, b, t * 1e6 / hz / n, p99 }' "$WORK/wrk.txt"
}

load=$(cut -d' ' -f1 /proc/loadavg)
echo "### $(date -u '+%Y-%m-%d %H:%M') UTC: dynamic compression (load average $load at the start)"
echo
echo "$(nproc) cores, shared with wrk and node$( [[ ${load%.*} -lt 2 ]] || echo ' and with other work on the machine');"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); wrk -t$THREADS -c$CONNECTIONS, ${WARMUP} s warm-up, ${DURATION} s measured;"
echo "one node process serving a 20 KiB HTML page, chunked. Every row is warmed up first (so the"
echo "JIT has compiled both paths), then the rows are measured in turn, twice (rounds 1 and 2)."
echo
for row in "${ROWS[@]}"; do
  IFS='|' read -r folder coding <<<"$row"
  warm_up "$folder" "$coding"
done
echo "| Round | doDynamicCompression | Accept-Encoding | Requests/s | Bytes per response | Sidecar CPU per request (µs) | p99 |"
echo "|---|---|---|---|---|---|---|"
for round in 1 2; do
  for row in "${ROWS[@]}"; do
    IFS='|' read -r folder coding <<<"$row"
    IFS='|' read -r rps bytes cpu p99 < <(measure "$folder" "$coding")
    echo "| $round | $folder | ${coding:-(none)} | $rps | $bytes | $cpu | $p99 |"
  done
done
