#!/usr/bin/env bash
# Hello-world requests/s, p50/p99 latency and CPU per request, in one run, through:
#   sidecar  the webgarden sidecar, nodeProcessCountPerApplication=2 (unix sockets)
#   nginx    nginx reverse-proxying 2 node processes on unix sockets, upstream keepalive
#   haproxy  HAProxy doing the same (unix-socket servers, http-reuse always, keep-alive)
#   netty    bench/NettyFloor.java, a bare Netty proxy on the sidecar jar's Netty: the JVM floor
#   cluster  node's cluster module, 2 workers on TCP: no proxy at all, the ceiling
# Each target is started once, warmed up, then measured at each connection count in turn.
# All traffic stays on 127.0.0.1 and unix sockets. The load generator (wrk) shares the machine's
# cores with the target, so numbers are comparable within one run only. See docs/benchmarks.md.
#
# Environment (all optional):
#   TARGETS="sidecar netty nginx haproxy cluster"   which targets, in this order
#   CONNECTIONS="8 64 256"                    wrk's -c values, each measured in turn
#   WARMUP=30 SETTLE=5 DURATION=15            seconds of warm-up once per target (discarded; 30 s
#                                             lets the JVM's JIT finish compiling the hot path), of
#                                             settling at each connection count (discarded), and of
#                                             measurement at each count
#   THREADS=2                                 wrk's -t
#   PROFILE=1                                 profile the JVM targets' CPU (sidecar, netty;
#                                             async-profiler, fetched from Maven Central) during
#                                             each measured window and summarise it; TARGETS
#                                             defaults to "sidecar", and the sampling costs the
#                                             JVM a few % of its CPU
#   PROFILE_EVENT=cpu                         what profile mode samples: cpu (time) or alloc (bytes
#                                             allocated, with the bytes per request)
#   PROFILE_DIR=bench/profiles                where the recordings and summaries are kept
#   SYSCALLS=1                                count each proxy's system calls per request with
#                                             strace -c during each measured window (strace slows
#                                             the proxy: that run's req/s and CPU do not count)
#   GCLOG=1                                   log the JVM targets' safepoints and report their
#                                             garbage collections per measured window
#   RESULTS=docs/benchmark-results.md         where the run is appended
#   SIDECAR_JAR=sidecar/target/webgarden-sidecar.jar
#   SIDECAR_JVM_OPTS="..."                    replaces the JVM flags below
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROFILE=${PROFILE:-0}
if [[ $PROFILE == 1 ]]; then
  TARGETS=${TARGETS:-sidecar}
else
  TARGETS=${TARGETS:-sidecar netty nginx haproxy cluster}
fi
CONNECTIONS=${CONNECTIONS:-8 64 256}
WARMUP=${WARMUP:-30}
SETTLE=${SETTLE:-5}
DURATION=${DURATION:-15}
THREADS=${THREADS:-2}
PROFILE_DIR=${PROFILE_DIR:-$ROOT/bench/profiles}
PROFILE_EVENT=${PROFILE_EVENT:-cpu}
SYSCALLS=${SYSCALLS:-0}
GCLOG=${GCLOG:-0}
RESULTS=${RESULTS:-$ROOT/docs/benchmark-results.md}
SIDECAR_JAR=${SIDECAR_JAR:-$ROOT/sidecar/target/webgarden-sidecar.jar}
READY_SECONDS=${READY_SECONDS:-30}

# The sidecar's JVM, sized for a pod with a 128 MiB memory target:
#   -XX:+UseSerialGC     no GC worker threads and the smallest GC bookkeeping; on 2 cores a
#                        parallel collector buys little, and a proxy's garbage is short-lived.
#   -Xms32m -Xmx64m      the heap holds only per-request objects (bodies stream through Netty's
#                        direct buffers), so 64 MiB is ample; a fixed small cap keeps RSS flat.
#   -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=64m
#                        cap class metadata and JIT code, which otherwise grow unbounded.
#   -Xss512k             event-loop and worker stacks are shallow.
#   -XX:TrimNativeHeapInterval=2000
#                        give glibc's freed malloc memory (mostly the C2 compiler's arenas from
#                        warm-up) back to the OS every 2 s: about 15 MiB less RSS under load,
#                        30 MiB less when idle, in our measurements. Added only where the JVM
#                        knows the flag (17.0.9 and later).
#   -XX:+ExitOnOutOfMemoryError  a pod should restart rather than limp.
# -XX:TieredStopAtLevel=1 (C1 only) would save another ~40 MiB at some cost in throughput; it is
# not the default, try it with SIDECAR_JVM_OPTS.
DEFAULT_JVM_OPTS="-XX:+UseSerialGC -Xms32m -Xmx64m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=64m -Xss512k"
if java -XX:TrimNativeHeapInterval=2000 -version >/dev/null 2>&1; then
  DEFAULT_JVM_OPTS+=" -XX:TrimNativeHeapInterval=2000"
fi
DEFAULT_JVM_OPTS+=" -XX:+ExitOnOutOfMemoryError"
SIDECAR_JVM_OPTS=${SIDECAR_JVM_OPTS:-$DEFAULT_JVM_OPTS}

jvm_opts() { # jvm_opts TARGET: the JVM flags for a JVM target, with its safepoint log under GCLOG=1
  local opts=$SIDECAR_JVM_OPTS
  [[ $GCLOG != 1 ]] || opts+=" -Xlog:safepoint:file=$WORK/$1-safepoint.log"
  echo "$opts"
}

log() { printf '[bench] %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# Tools: install whatever is missing from Debian's packages, with one apt-get update.
install_missing() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
  command -v curl >/dev/null || missing+=(curl)
  command -v ps >/dev/null || missing+=(procps)
  command -v node >/dev/null || missing+=(nodejs)
  [[ $PROFILE != 1 ]] || command -v unzip >/dev/null || missing+=(unzip)
  [[ $SYSCALLS != 1 ]] || command -v strace >/dev/null || missing+=(strace)
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  # Keep the packages' init scripts from starting system-wide nginx/haproxy services.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod +x "$policy"
    created_policy=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
  ((created_policy == 0)) || "${sudo[@]}" rm -f "$policy"
}

# ---------------------------------------------------------------------------------------------
# Processes: every one we start gets its own session (setsid), so its whole group, children
# included (the sidecar's node processes, nginx's workers, cluster's workers), stops together.
WORK=$(mktemp -d /tmp/webgarden-bench.XXXXXX)
GROUPS_STARTED=()

LAST_PID=
start() { # start NAME COMMAND...: own session and process group; output to $WORK/NAME.log
  local name=$1 pidfile=$WORK/$1.pid deadline=$((SECONDS + 10))
  shift
  rm -f "$pidfile" # a target that ran earlier may have left one under the same name
  # The session leader writes its own pid: setsid forks when it happens to lead a process group
  # already, and then $! would name setsid rather than the session.
  setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pidfile" "$@" \
    >"$WORK/$name.log" 2>&1 </dev/null &
  until [[ -s $pidfile ]]; do
    ((SECONDS < deadline)) || { log "$name did not start"; return 1; }
    sleep 0.05
  done
  LAST_PID=$(<"$pidfile")
  GROUPS_STARTED+=("$LAST_PID")
}

stop_group() { # stop_group PID: TERM the group, wait up to 10 s, then KILL it
  local pid=$1
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + 10))
  while kill -0 -- "-$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_all() {
  local pid
  for pid in "${GROUPS_STARTED[@]}"; do stop_group "$pid"; done
  GROUPS_STARTED=()
}

cleanup() {
  stop_all
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_ready() { # wait_ready URL NAME: poll until a 200, bounded by READY_SECONDS
  local url=$1 name=$2 deadline=$((SECONDS + READY_SECONDS))
  while ((SECONDS < deadline)); do
    if [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true) == 200 ]]; then return 0; fi
    sleep 0.2
  done
  log "$name did not answer 200 at $url within ${READY_SECONDS}s; its log:"
  tail -n 20 "$WORK/$name.log" >&2 || true
  return 1
}

ready_or_not_run() { # ready_or_not_run NAME PORT: true once it answers; else its rows say it
  # failed and everything is stopped, so the run goes on with the next target
  wait_ready "http://127.0.0.1:$2/hello.js" "$1" && return 0
  not_run "$1" "failed to start (see log above)"
  stop_all
  return 1
}

wait_socket() { # wait_socket PATH: bounded wait for a node backend's unix socket
  local deadline=$((SECONDS + READY_SECONDS))
  until [[ -S $1 ]]; do
    ((SECONDS < deadline)) || { log "no socket at $1"; return 1; }
    sleep 0.1
  done
}

start_backends() { # two hello.js processes on unix sockets, for nginx and HAProxy
  local i
  BACKEND_PIDS=()
  for i in 1 2; do
    rm -f "$WORK/node$i.sock"
    start "node$i" env PORT="$WORK/node$i.sock" node "$ROOT/bench/hello.js"
    BACKEND_PIDS+=("$LAST_PID")
  done
  wait_socket "$WORK/node1.sock"
  wait_socket "$WORK/node2.sock"
}

# ---------------------------------------------------------------------------------------------
# Measuring.
to_ms() { # wrk prints 512.00us, 1.23ms or 1.01s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else { printf "?" }
  }'
}

# Rows by connection count, so the table groups each count's targets together; the numbers the
# summary against HAProxy compares, by "target connections".
declare -A ROWS=() RPS=() P99=() CPU=()
CLK_TCK=$(getconf CLK_TCK)

cpu_ticks() { # cpu_ticks PID...: "USER SYSTEM" clock ticks the processes have used so far
  local pid user=0 system=0 stat
  for pid in "$@"; do
    # Fields after the command name, which may contain spaces: utime and stime are 12th and 13th.
    stat=$(<"/proc/$pid/stat") || continue
    read -r -a fields <<<"${stat##*) }"
    user=$((user + fields[11]))
    system=$((system + fields[12]))
  done
  echo "$user $system"
}

ticks_sum() { # ticks_sum "USER SYSTEM": their sum
  local -a t
  read -r -a t <<<"$1"
  echo $((t[0] + t[1]))
}

per_request() { # per_request TICKS REQUESTS: microseconds of CPU per request
  awk -v t="$1" -v n="$2" -v hz="$CLK_TCK" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "?" }'
}

# measure NAME URL PROXY_PIDS NODE_PIDS RSS_CMD: one warm-up, then for each connection count a
# discarded settling run and a measured one; the *_PIDS arguments are commands printing the pids
# whose CPU is charged to the proxy and to node ("" when there is none).
measure() {
  local name=$1 url=$2 proxy_pids_cmd=$3 node_pids_cmd=$4 rss_cmd=$5 out c
  local -a proxy_pids node_pids
  read -r -a proxy_pids <<<"$(eval "$proxy_pids_cmd" | tr '\n' ' ')"
  read -r -a node_pids <<<"$(eval "$node_pids_cmd" | tr '\n' ' ')"
  log "$name: warm-up ${WARMUP}s (proxy pids ${proxy_pids[*]:-none}, node pids ${node_pids[*]})"
  timeout $((WARMUP + 30)) wrk -t"$THREADS" -c64 -d"${WARMUP}s" "$url" >/dev/null
  for c in $CONNECTIONS; do
    if ((SETTLE > 0)); then
      timeout $((SETTLE + 30)) wrk -t"$THREADS" -c"$c" -d"${SETTLE}s" "$url" >/dev/null
    fi
    [[ $PROFILE != 1 || -z ${PROFILED_PID[$name]:-} ]] || profile_start "$name" "$c"
    log "$name: measuring ${DURATION}s at $c connections"
    local proxy_before node_before proxy_after node_after proxy_user proxy_sys strace_pid gc_lines
    local gc_log=$WORK/$name-safepoint.log
    [[ $SYSCALLS != 1 || ${#proxy_pids[@]} == 0 ]] || strace_pid=$(strace_start "$name" "$c" "${proxy_pids[@]}")
    gc_lines=$( [[ -f $gc_log ]] && wc -l <"$gc_log" || echo 0)
    proxy_before=$(cpu_ticks "${proxy_pids[@]}")
    node_before=$(cpu_ticks "${node_pids[@]}")
    out=$(timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$c" -d"${DURATION}s" --latency "$url")
    proxy_after=$(cpu_ticks "${proxy_pids[@]}")
    node_after=$(cpu_ticks "${node_pids[@]}")
    printf '%s\n' "$out" >"$WORK/$name-c$c.wrk"
    local rps p50 p99 non2xx sockerr errors rss requests proxy_cpu proxy_split node_cpu
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
    requests=$(awk '/ requests in / {print $1}' <<<"$out")
    [[ $PROFILE != 1 || -z ${PROFILED_PID[$name]:-} ]] || profile_stop "$name" "$c" "$requests"
    [[ -z ${strace_pid:-} ]] || strace_stop "$strace_pid" "$name" "$c" "$requests"
    [[ ! -f $gc_log ]] || gc_summary "$gc_log" "$gc_lines" "$name" "$c"
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
    sockerr=$(awk -F'[ ,]+' '/Socket errors:/ {print $4 + $6 + $8 + $10}' <<<"$out")
    errors=$((${non2xx:-0} + ${sockerr:-0}))
    if ((${#proxy_pids[@]} > 0)); then
      read -r proxy_user proxy_sys <<<"$proxy_after"
      read -r -a before <<<"$proxy_before"
      proxy_user=$((proxy_user - before[0]))
      proxy_sys=$((proxy_sys - before[1]))
      proxy_cpu=$(per_request $((proxy_user + proxy_sys)) "$requests")
      # The split says where a difference lives: in the proxy's own code (user) or in the kernel
      # (system: the sends, receives and epoll every proxy needs, and the scheduler).
      proxy_split="$(per_request "$proxy_user" "$requests") + $(per_request "$proxy_sys" "$requests")"
    else
      proxy_cpu="n/a"
      proxy_split="n/a"
    fi
    node_cpu=$(per_request $(($(ticks_sum "$node_after") - $(ticks_sum "$node_before"))) "$requests")
    rss=$(eval "$rss_cmd")
    ROWS[$c]+="| $c | $name | $rps | $p50 | $p99 | $errors | $proxy_cpu | $proxy_split | $node_cpu | $rss |"$'\n'
    RPS["$name $c"]=$rps
    P99["$name $c"]=$p99
    CPU["$name $c"]=$proxy_cpu
    log "$name at $c: $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errors," \
      "CPU/request proxy $proxy_cpu µs ($proxy_split user + system) node $node_cpu µs, RSS $rss"
  done
}

# ---------------------------------------------------------------------------------------------
# Profile mode: async-profiler (from Maven Central, fetched with Maven into ~/.m2) attached to
# the sidecar's JVM over each measured window, sampling CPU time every 5 ms in Java, the JVM and
# the kernel alike; bench/profile-summary.sh condenses the stacks.
ASYNC_PROFILER_VERSION=4.1
PROFILES=()
# The JVM of each target that can be profiled (sidecar, netty), once it runs.
declare -A PROFILED_PID=()
PROFILER_LIB=

profiler_lib() { # the agent library for this machine, extracted from the Maven artifact
  local arch jar
  case $(uname -m) in
    x86_64) arch=linux-x64 ;;
    aarch64) arch=linux-arm64 ;;
    *) log "profile mode: async-profiler has no library for $(uname -m)"; return 1 ;;
  esac
  jar=$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION.jar
  if [[ ! -f $jar ]]; then
    log "fetching async-profiler $ASYNC_PROFILER_VERSION from Maven Central"
    mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" >&2
  fi
  mkdir -p "$WORK/async-profiler"
  unzip -o -q -j "$jar" "$arch/libasyncProfiler.so" -d "$WORK/async-profiler"
  PROFILER_LIB=$WORK/async-profiler/libasyncProfiler.so
}

profiler() { # profiler COMMAND TARGET: send the target's async-profiler a command (loading it on first use)
  # jcmd would split an option string at '=' unless it is quoted as one argument.
  jcmd "${PROFILED_PID[$2]}" JVMTI.agent_load "$PROFILER_LIB" "\"$1\"" >/dev/null
}

profile_start() { # profile_start TARGET CONNECTIONS
  if [[ $PROFILE_EVENT == alloc ]]; then
    profiler "start,event=alloc,threads" "$1"
  else
    profiler "start,event=cpu,interval=5ms,threads" "$1"
  fi
}

profile_stop() { # profile_stop TARGET CONNECTIONS REQUESTS
  mkdir -p "$PROFILE_DIR"
  local stacks=$PROFILE_DIR/$1-c$2.collapsed summary
  summary=${stacks%.collapsed}.txt
  rm -f "$stacks"
  if [[ $PROFILE_EVENT == alloc ]]; then
    # total: each stack's bytes rather than its sample count, so the shares are shares of bytes.
    profiler "stop,collapsed,total,ann,file=$stacks" "$1"
    awk -v n="$3" '{ bytes += $NF } END { printf "allocated: %.0f bytes per request (%d requests); shares below are of bytes\n", (n > 0 ? bytes / n : 0), n }' \
      "$stacks" >"$summary"
  else
    profiler "stop,collapsed,ann,file=$stacks" "$1"
    : >"$summary"
  fi
  "$ROOT/bench/profile-summary.sh" "$stacks" >>"$summary"
  log "profile ($PROFILE_EVENT) of $1 at $2 connections: $stacks, summary $summary"
  PROFILES+=("$1-c$2")
}

# ---------------------------------------------------------------------------------------------
# System calls (SYSCALLS=1) and garbage collections (GCLOG=1) per measured window.
EXTRA=() # lines for the results, one per target and connection count

strace_start() { # strace_start TARGET CONNECTIONS PID...: prints strace's pid
  local out=$WORK/$1-c$2.strace pid args=()
  shift 2
  for pid in "$@"; do args+=(-p "$pid"); done
  # Its own output elsewhere: the caller reads this function's output and must not wait for strace.
  strace -c -f -o "$out" "${args[@]}" >/dev/null 2>&1 &
  echo $!
  sleep 0.5 # strace attaches to every thread before the window starts
}

strace_stop() { # strace_stop STRACE_PID TARGET CONNECTIONS REQUESTS
  kill -INT "$1" 2>/dev/null || true
  # strace writes its table as it detaches; it is not this shell's child, so poll for its exit.
  local deadline=$((SECONDS + 10)) line
  while kill -0 "$1" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  # strace -c: "% time seconds usecs/call calls [errors] syscall"; the calls are the 4th field.
  line=$(awk -v n="$4" '$NF != "total" && $NF != "syscall" && $4 ~ /^[0-9]+$/ { calls[$NF] = $4 }
    END {
      out = ""
      for (k = 0; k < 6; k++) {
        best = ""; for (s in calls) if (best == "" || calls[s] > calls[best]) best = s
        if (best == "") break
        out = out sprintf("%s%s %.3f", out == "" ? "" : ", ", best, n > 0 ? calls[best] / n : 0)
        delete calls[best]
      }
      print out
    }' "$WORK/$2-c$3.strace")
  EXTRA+=("- $2 at $3 connections, system calls per request (strace -c): $line")
  log "$2 at $3: system calls per request: $line"
}

gc_summary() { # gc_summary LOG LINES_BEFORE TARGET CONNECTIONS: the window's collections
  local line
  line=$(tail -n +$(($2 + 1)) "$1" | awk -v d="$DURATION" '/Safepoint "[A-Za-z]*Collect/ {
      for (i = 1; i <= NF; i++) if ($i == "At" && $(i + 1) == "safepoint:") { t = $(i + 2) / 1e6; sum += t; if (t > max) max = t }
      n++
    }
    END { if (n == 0) print "no collection"; else printf "%d collections, %.1f per second, %.2f ms each on average, %.2f ms at most", n, n / d, sum / n, max }')
  EXTRA+=("- $3 at $4 connections, garbage collections (safepoint log): $line")
  log "$3 at $4: garbage collections: $line"
}

java_of_session() { # the JVM's pid in a session
  ps -o pid=,comm= --sid "$1" | awk '$2 == "java" {print $1; exit}'
}

node_below() { # the node processes among a process's descendants (the sidecar gives each node
  # process a session of its own, so they are not in the sidecar's session)
  ps -e -o pid=,ppid=,comm= | awk -v root="$1" '
    { parent[$1] = $2; name[$1] = $3 }
    END {
      for (pid in parent) {
        for (p = parent[pid]; p != "" && p != 0 && p != 1; p = parent[p]) {
          if (p == root) { if (name[pid] == "node") print pid; break }
        }
      }
    }'
}

pids_of_session() {
  ps -o pid= --sid "$1"
}

rss_of_java() { # resident MiB of the JVM in a session, from /proc/PID/status (node excluded)
  local java
  java=$(java_of_session "$1")
  awk '/^VmRSS:/ {rss = $2} /^VmHWM:/ {hwm = $2} END {printf "%.0f (peak %.0f)", rss / 1024, hwm / 1024}' "/proc/$java/status"
}

not_run() { # not_run TARGET WHY: a row at each connection count saying so
  local c
  for c in $CONNECTIONS; do ROWS[$c]+="| $c | $1 | $2 | | | | | | | |"$'\n'; done
}

rss_of_session() { # resident MiB of every process in a session (a proxy and its workers)
  ps -o rss= --sid "$1" | awk '{s += $1} END {printf "%.0f", s / 1024}'
}

# ---------------------------------------------------------------------------------------------
# Targets.
run_sidecar() {
  if [[ ! -f $SIDECAR_JAR ]]; then
    log "no $SIDECAR_JAR: build it with 'mvn -B -DskipTests package' at the repository root"
    not_run sidecar "not run: jar not built"
    return 0
  fi
  local site=$WORK/site port pid
  mkdir -p "$site"
  cp "$ROOT/bench/hello.js" "$site/hello.js"
  cat >"$site/web.config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <add name="iisnode" path="hello.js" verb="*" modules="iisnode" />
    </handlers>
    <iisnode nodeProcessCountPerApplication="2" />
  </system.webServer>
</configuration>
XML
  port=$(free_port)
  # shellcheck disable=SC2086 # the JVM options are a word list on purpose
  # Run a copy, so a build that rewrites the jar during the run cannot pull it from under the JVM.
  cp "$SIDECAR_JAR" "$WORK/webgarden-sidecar.jar"
  start sidecar java $(jvm_opts sidecar) -jar "$WORK/webgarden-sidecar.jar" serve "$site" --port "$port" --admin-port 0
  pid=$LAST_PID
  ready_or_not_run sidecar "$port" || return 0
  PROFILED_PID[sidecar]=$(java_of_session "$pid")
  measure sidecar "http://127.0.0.1:$port/hello.js" "echo ${PROFILED_PID[sidecar]}" \
    "node_below ${PROFILED_PID[sidecar]}" "rss_of_java $pid"
  stop_all
}

run_nginx() {
  local dir=$WORK/nginx port
  mkdir -p "$dir/logs" "$dir/tmp"
  port=$(free_port)
  start_backends
  cat >"$dir/nginx.conf" <<CONF
# Runs as root so its workers may connect to the root-owned backend sockets.
user root;
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 1000000;
  upstream hello {
    server unix:$WORK/node1.sock;
    server unix:$WORK/node2.sock;
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://hello;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
  local pid
  start nginx nginx -p "$dir" -c "$dir/nginx.conf"
  pid=$LAST_PID
  wait_ready "http://127.0.0.1:$port/hello.js" nginx
  measure nginx "http://127.0.0.1:$port/hello.js" "pids_of_session $pid" \
    "echo ${BACKEND_PIDS[*]}" "rss_of_session $pid"
  stop_all
}

run_haproxy() {
  local dir=$WORK/haproxy port pid
  mkdir -p "$dir"
  port=$(free_port)
  start_backends
  cat >"$dir/haproxy.cfg" <<CONF
global
  nbthread 2
  maxconn 4096

defaults
  mode http
  option http-keep-alive
  http-reuse always
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  timeout http-keep-alive 30s

listen hello
  bind 127.0.0.1:$port
  balance roundrobin
  server node1 unix@$WORK/node1.sock
  server node2 unix@$WORK/node2.sock
CONF
  haproxy -c -q -f "$dir/haproxy.cfg"
  start haproxy haproxy -db -f "$dir/haproxy.cfg"
  pid=$LAST_PID
  wait_ready "http://127.0.0.1:$port/hello.js" haproxy
  measure haproxy "http://127.0.0.1:$port/hello.js" "pids_of_session $pid" \
    "echo ${BACKEND_PIDS[*]}" "rss_of_session $pid"
  stop_all
}

run_netty() { # the floor: a bare Netty proxy (bench/NettyFloor.java) on the sidecar jar's Netty
  if [[ ! -f $SIDECAR_JAR ]]; then
    not_run netty "not run: jar not built"
    return 0
  fi
  local port pid
  port=$(free_port)
  start_backends
  cp "$SIDECAR_JAR" "$WORK/netty-floor.jar"
  # Compiled first, so javac's classes are not resident in the measured JVM (its RSS).
  if ! javac -d "$WORK/netty-floor" -cp "$WORK/netty-floor.jar" "$ROOT/bench/NettyFloor.java"; then
    not_run netty "bench/NettyFloor.java did not compile against $SIDECAR_JAR (see above)"
    stop_all
    return 0
  fi
  # shellcheck disable=SC2086 # the JVM options are a word list on purpose
  start netty java $(jvm_opts netty) -cp "$WORK/netty-floor.jar:$WORK/netty-floor" NettyFloor \
    "$port" "$WORK/node1.sock" "$WORK/node2.sock"
  pid=$LAST_PID
  ready_or_not_run netty "$port" || return 0
  PROFILED_PID[netty]=$(java_of_session "$pid")
  measure netty "http://127.0.0.1:$port/hello.js" "echo ${PROFILED_PID[netty]}" \
    "echo ${BACKEND_PIDS[*]}" "rss_of_java $pid"
  stop_all
}

run_cluster() {
  local port pid
  port=$(free_port)
  start cluster env PORT="$port" WORKERS=2 node "$ROOT/bench/cluster.js"
  pid=$LAST_PID
  wait_ready "http://127.0.0.1:$port/hello.js" cluster
  measure cluster "http://127.0.0.1:$port/hello.js" "" "pids_of_session $pid" \
    "echo 'n/a (no proxy)'"
  stop_all
}

# ---------------------------------------------------------------------------------------------
main() {
  local load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  install_missing
  PATH=$PATH:/usr/sbin
  [[ $PROFILE != 1 ]] || profiler_lib
  local target
  for target in $TARGETS; do
    case $target in
      sidecar | netty | nginx | haproxy | cluster) "run_$target" ;;
      *) log "unknown target $target (sidecar, netty, nginx, haproxy, cluster)"; exit 2 ;;
    esac
  done

  local cpu java_version table c against profiles=""
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  java_version=$(java -version 2>&1 | head -n 1)
  table=$(
    echo "| connections | target | req/s | p50 (ms) | p99 (ms) | errors | proxy CPU (µs/req) | of it user + system | node CPU (µs/req) | RSS (MiB) |"
    echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    for c in $CONNECTIONS; do printf '%s' "${ROWS[$c]:-}"; done
  )
  against=$(against_haproxy)
  if ((${#EXTRA[@]} > 0)); then
    against+=$'\n'"$(printf '%s\n' "${EXTRA[@]}")"
  fi
  printf '\n%s\n%s\n' "$table" "$against"
  local p
  for p in "${PROFILES[@]}"; do
    profiles+=$'\n'"Profile of ${p%-c*} at ${p##*-c} connections (async-profiler, bench/profile-summary.sh):"$'\n\n```\n'
    profiles+="$(<"$PROFILE_DIR/$p.txt")"$'\n```\n'
  done
  [[ -z $profiles ]] || printf '%s' "$profiles"
  # Before the block below starts appending to RESULTS, which may be in the tree.
  local head dirty=""
  head=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  # The results file itself is left out: earlier runs append to it before it is committed.
  [[ -z $(git -C "$ROOT" status --porcelain -- . ":(exclude)$RESULTS" 2>/dev/null) ]] ||
    dirty=" with uncommitted changes"
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo
    echo "- machine: $(nproc) cores, ${cpu:-unknown CPU}, kernel $(uname -r);" \
      "load average $load_before before the run, $(cut -d' ' -f1-3 /proc/loadavg) after"
    echo "- java: $java_version; node $(node --version); $(nginx -v 2>&1 | head -n 1);" \
      "$(haproxy -v 2>/dev/null | head -n 1 | cut -d' ' -f1-3); wrk $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f2)"
    echo "- load: wrk -t$THREADS at -c ${CONNECTIONS// /, }; per target one ${WARMUP}s warm-up," \
      "then at each count ${SETTLE}s settling and ${DURATION}s measured; GET /hello.js"
    [[ $PROFILE != 1 ]] || echo "- profile mode: async-profiler $ASYNC_PROFILER_VERSION sampling the JVM targets' CPU (sidecar, netty) every 5 ms during each measured window"
    if [[ -f $SIDECAR_JAR ]]; then
      echo "- sidecar: ${SIDECAR_JAR#"$ROOT"/} built $(date -u -r "$SIDECAR_JAR" '+%Y-%m-%d %H:%M UTC')" \
        "from a tree at $head$dirty"
    fi
    echo "- sidecar JVM: \`$SIDECAR_JVM_OPTS\`"
    [[ $PROFILE != 1 ]] || echo "- profile event: $PROFILE_EVENT"
    [[ $SYSCALLS != 1 ]] || echo "- SYSCALLS=1: strace -c attached during each measured window (req/s and CPU of this run do not count)"
    [[ $GCLOG != 1 ]] || echo "- GCLOG=1: the JVM targets logged their safepoints (-Xlog:safepoint)"
    echo
    echo "$table"
    [[ -z $against ]] || printf '\n%s\n' "$against"
    [[ -z $profiles ]] || printf '%s' "$profiles"
  } >>"$RESULTS"
  log "appended to $RESULTS"
}

# The issue-13 targets at each count, when both the sidecar and HAProxy ran: req/s and CPU per
# request as ratios, p99 as a difference.
against_haproxy() {
  local c
  for c in $CONNECTIONS; do
    [[ -n ${RPS["sidecar $c"]:-} && -n ${RPS["haproxy $c"]:-} ]] || continue
    awk -v c="$c" -v sr="${RPS["sidecar $c"]}" -v hr="${RPS["haproxy $c"]}" \
      -v sp="${P99["sidecar $c"]}" -v hp="${P99["haproxy $c"]}" \
      -v sc="${CPU["sidecar $c"]}" -v hc="${CPU["haproxy $c"]}" -v cr="${RPS["cluster $c"]:-}" \
      -v nc="${CPU["netty $c"]:-}" '
      function ratio(a, b) { return (a + 0 > 0 && b + 0 > 0) ? sprintf("%.2f", a / b) : "?" }
      BEGIN {
        # A target whose run counted no requests has "?" here: a ratio of "?", not a division by 0.
        printf "- %d connections: sidecar/HAProxy req/s %s, CPU per request %s, p99 %+.2f ms", c, ratio(sr, hr), ratio(sc, hc), sp - hp
        if (cr != "") printf "; sidecar/cluster req/s %s", ratio(sr, cr)
        if (nc != "") printf "; CPU per request netty floor/HAProxy %s, sidecar/netty floor %s", ratio(nc, hc), ratio(sc, nc)
        printf "\n"
      }'
  done
}

main "$@"
