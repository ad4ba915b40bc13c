#!/usr/bin/env bash
# Summarises where a JVM's CPU went from the execution samples of a JFR recording (the "profile"
# settings sample each running Java thread every 10 ms; native and idle time are not sampled):
#   - the share of samples per thread;
#   - per layer: whose code a sample is in, counting JDK frames (java., jdk., sun.) towards the
#     nearest caller that is not the JDK's, so a HashMap lookup in Vert.x counts as Vert.x;
#   - the hottest methods by self samples (the frame on top);
#   - the hottest webgarden and Vert.x methods by inclusive samples (anywhere on the stack).
# Usage: bench/jfr-summary.sh RECORDING.jfr [TOP]   (TOP methods per list, default 15)
set -euo pipefail

jfr_file=${1:?usage: bench/jfr-summary.sh RECORDING.jfr [TOP]}
top=${2:-15}
[[ -f $jfr_file ]] || { echo "jfr-summary: no recording at $jfr_file" >&2; exit 2; }

jfr print --events jdk.ExecutionSample --stack-depth 96 "$jfr_file" | awk -v top="$top" '
  function method(frame) { sub(/^[ \t]+/, "", frame); sub(/ +line:.*$/, "", frame); sub(/\(.*$/, "", frame); return frame }
  function is_jdk(m) { return m ~ /^(java|javax|jdk|sun|com\.sun)\./ }
  function layer(m) {
    if (m ~ /^io\.webgarden\./) return "webgarden"
    if (m ~ /^io\.vertx\./) return "Vert.x"
    if (m ~ /^io\.netty\./) return "Netty"
    return "other"
  }
  /^jdk\.ExecutionSample/ { in_sample = 1; depth = 0; owner = ""; delete seen; next }
  in_sample && /sampledThread = / {
    thread = $0; sub(/^[^"]*"/, "", thread); sub(/".*$/, "", thread)
    gsub(/[0-9]+$/, "N", thread); threads[thread]++; next
  }
  in_sample && /stackTrace = \[/ { in_stack = 1; next }
  in_stack && /^[ \t]*\]/ {
    in_stack = 0; in_sample = 0; samples++
    layers[owner == "" ? "JDK only" : owner]++
    next
  }
  in_stack {
    if ($0 ~ /^[ \t]*\.\.\.[ \t]*$/) next
    m = method($0)
    if (depth == 0) self[m]++
    if (owner == "" && !is_jdk(m)) owner = layer(m)
    if ((m ~ /^io\.(webgarden|vertx)\./) && !(m in seen)) { seen[m] = 1; incl[m]++ }
    depth++
    next
  }
  function print_top(title, counts,    n, i, j, k, keys, t) {
    printf "%s\n", title
    n = 0
    for (k in counts) keys[++n] = k
    for (i = 2; i <= n; i++) {            # insertion sort, descending: lists are short
      t = keys[i]
      for (j = i - 1; j >= 1 && counts[keys[j]] < counts[t]; j--) keys[j + 1] = keys[j]
      keys[j + 1] = t
    }
    for (i = 1; i <= n && i <= top; i++) printf "  %5.1f%%  %s\n", 100 * counts[keys[i]] / samples, keys[i]
  }
  END {
    if (samples == 0) { print "no execution samples in the recording"; exit 1 }
    printf "%d execution samples\n", samples
    print_top("threads:", threads)
    print_top("layers (JDK frames count towards their nearest non-JDK caller):", layers)
    print_top("self (top frame):", self)
    print_top("inclusive, webgarden and Vert.x methods:", incl)
  }'
