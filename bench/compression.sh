#!/usr/bin/env bash
# What static compression costs and saves, through the sidecar jar:
#   1. warm: requests/s and bytes on the wire for one 100 KiB CSS file asked without
#      Accept-Encoding (identity, zero-copy sendFile), with gzip and with br. Compressed copies
#      are made once and then sent from the disk cache, so this is the steady state.
#   2. cold: the first request of each of FILES distinct 1 MiB text files per coding (the copy is
#      made on a worker thread while the request waits) against the second request (cached).
# All traffic stays on 127.0.0.1. wrk shares the cores with the sidecar, and the machine may be
# shared: compare rows of one run only. Prints a markdown section for docs/benchmarks.md.
#
# Environment (all optional): CONNECTIONS=64 WARMUP=10 DURATION=15 THREADS=2 FILES=10 PORT=18400
#   SIDECAR_JAR=sidecar/target/webgarden-sidecar.jar
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-15}
THREADS=${THREADS:-2}
FILES=${FILES:-10}
PORT=${PORT:-18400}
source "$(dirname "$0")/sidecar-jar.sh"
require_tools wrk curl java python3

# Text that compresses like real CSS: a few hundred distinct words in a seeded random order.
python3 - "$WORK/site" "$FILES" <<'PY'
import os, random, sys
site, files = sys.argv[1], int(sys.argv[2])
os.makedirs(site)
words = [f"{p}-{n}" for p in ("margin", "color", "flex", "grid", "font", "border") for n in range(60)]
def text(size, seed):
    rng, out, length = random.Random(seed), [], 0
    while length < size:
        rule = ".%s { %s: %dpx; }\n" % (rng.choice(words), rng.choice(words), rng.randrange(999))
        out.append(rule); length += len(rule)
    return "".join(out)[:size]
open(os.path.join(site, "site.css"), "w").write(text(100 * 1024, 0))
for coding in ("gzip", "br"):
    for i in range(files + 1):  # cold-*-0 warms the encoder and the JIT up, and is not counted
        open(os.path.join(site, f"cold-{coding}-{i}.css"), "w").write(text(1024 * 1024, hash((coding, i))))
PY

start_sidecar "$WORK/site" "$PORT"
deadline=$((SECONDS + 30))
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/site.css"; do
  ((SECONDS < deadline)) || { echo "the sidecar did not start:" >&2; cat "$WORK/sidecar.log" >&2; exit 1; }
  sleep 0.2
done

measure() { # measure ACCEPT_ENCODING: prints "req/s|bytes per response|MB/s on the wire"
  local header=() bytes
  [[ -z $1 ]] || header=(-H "Accept-Encoding: $1")
  bytes=$(curl -s "${header[@]}" "http://127.0.0.1:$PORT/site.css" | wc -c)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${header[@]}" \
    "http://127.0.0.1:$PORT/site.css" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "${header[@]}" \
    "http://127.0.0.1:$PORT/site.css" >"$WORK/wrk.txt"
  local rps transfer
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$WORK/wrk.txt")
  transfer=$(awk '/^Transfer\/sec:/ {print $2}' "$WORK/wrk.txt")
  echo "$rps|$bytes|$transfer"
}

cold() { # cold CODING: prints "first ms per MiB|second ms"
  local first=0 second=0 i t
  curl -s -o /dev/null -H "Accept-Encoding: $1" "http://127.0.0.1:$PORT/cold-$1-0.css"
  for ((i = 1; i <= FILES; i++)); do
    t=$(curl -s -o /dev/null -w '%{time_total}' -H "Accept-Encoding: $1" \
      "http://127.0.0.1:$PORT/cold-$1-$i.css")
    first=$(python3 -c "print($first + $t)")
    t=$(curl -s -o /dev/null -w '%{time_total}' -H "Accept-Encoding: $1" \
      "http://127.0.0.1:$PORT/cold-$1-$i.css")
    second=$(python3 -c "print($second + $t)")
  done
  python3 -c "print('%.1f|%.1f' % ($first * 1000 / $FILES, $second * 1000 / $FILES))"
}

load=$(cut -d' ' -f1 /proc/loadavg)
echo "### $(date -u '+%Y-%m-%d %H:%M') UTC: static compression (load average $load at the start)"
echo
echo "$(nproc) cores, shared with wrk$( [[ ${load%.*} -lt 2 ]] || echo ' and with other work on the machine');"
echo "wrk -t$THREADS -c$CONNECTIONS, ${WARMUP} s warm-up, ${DURATION} s measured; one 100 KiB CSS file."
echo
echo "| Accept-Encoding | Requests/s | Bytes per response | Transfer/s |"
echo "|---|---|---|---|"
for coding in "" gzip br; do
  IFS='|' read -r rps bytes transfer < <(measure "$coding")
  echo "| ${coding:-(none)} | $rps | $bytes | $transfer |"
done
echo
echo "Cold: the first request of a 1 MiB text file compresses it (on a worker, while the request"
echo "waits); the second is sent from the disk cache. Mean of $FILES files each, after one"
echo "uncounted file per coding."
echo
echo "| Coding | First request (ms) | Second request (ms) |"
echo "|---|---|---|"
for coding in gzip br; do
  IFS='|' read -r first second < <(cold "$coding")
  echo "| $coding | $first | $second |"
done
