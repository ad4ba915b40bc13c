#!/usr/bin/env bash
# Summarises where a JVM's CPU went, from async-profiler's collapsed stacks recorded with the
# "threads" and "ann" options (a root frame per thread, kernel frames marked _[k]):
#   - the share of samples per thread (numbers in names folded, so the event loops add up);
#   - per layer: whose code a sample is in. JDK frames (java., jdk., sun.) count towards their
#     nearest caller that is not the JDK's, so a HashMap lookup in Vert.x counts as Vert.x; a
#     sample in the kernel (a system call) is "kernel, from X" with X that Java caller; samples
#     with no Java frame at all are the JVM's own (GC, JIT compiler);
#   - kernel samples by system call (the __x64_sys_ frame) and the layer that made the call;
#   - the hottest frames by self samples (the leaf);
#   - the hottest webgarden and Vert.x methods by inclusive samples (anywhere on the stack).
# Usage: bench/profile-summary.sh STACKS.collapsed [TOP]   (TOP entries per list, default 15)
set -euo pipefail

stacks=${1:?usage: bench/profile-summary.sh STACKS.collapsed [TOP]}
top=${2:-15}
[[ -s $stacks ]] || { echo "profile-summary: no samples in $stacks" >&2; exit 2; }

awk -v top="$top" '
  function java_name(f) { sub(/_\[[a-z0-9]\]$/, "", f); gsub(/\//, ".", f); return f }
  function is_kernel(f) { return f ~ /_\[k\]$/ }
  function is_java(f) { return f ~ /_\[[ji0-9]\]$/ || f ~ /^[a-z][a-z0-9_]*(\/|\.)[A-Za-z0-9_\/.$]+\.[A-Za-z0-9_$<>]+$/ }
  function is_jdk(m) { return m ~ /^(java|javax|jdk|sun|com\.sun)\./ }
  function layer(m) {
    if (m ~ /^io\.webgarden\./) return "webgarden"
    if (m ~ /^io\.vertx\./) return "Vert.x"
    if (m ~ /^io\.netty\./) return "Netty"
    return "other Java"
  }
  {
    count = $NF; $NF = ""; sub(/ $/, "")
    n = split($0, frames, ";")
    samples += count
    thread = frames[1]; sub(/^\[/, "", thread); sub(/ tid=[0-9]+\]$/, "", thread); sub(/\]$/, "", thread)
    gsub(/[0-9]+/, "N", thread); threads[thread] += count
    leaf = frames[n]
    self[is_kernel(leaf) ? leaf : java_name(leaf)] += count
    owner = ""; java_seen = 0
    for (i = n; i >= 2; i--) {
      if (!is_java(frames[i])) continue
      java_seen = 1
      m = java_name(frames[i])
      if (!is_jdk(m)) { owner = layer(m); break }
    }
    if (!java_seen) where = "JVM itself (GC, JIT compiler, no Java frame)"
    else where = owner == "" ? "JDK only" : owner
    if (is_kernel(leaf)) {
      where = "kernel, from " where
      call = "(no system call: interrupt or scheduler)"
      for (i = 2; i <= n; i++) if (frames[i] ~ /^(__x64_sys_|__arm64_sys_|__do_sys_|__se_sys_|ksys_)/) { call = frames[i]; break }
      sub(/^(__x64_sys_|__arm64_sys_|__do_sys_|__se_sys_|ksys_)/, "", call); sub(/_\[k\]$/, "", call)
      syscalls[call " from " (owner == "" ? "JDK/JVM" : owner)] += count
    }
    layers[where] += count
    delete seen
    for (i = 2; i <= n; i++) {
      if (!is_java(frames[i])) continue
      m = java_name(frames[i])
      if (m ~ /^io\.(webgarden|vertx)\./ && !(m in seen)) { seen[m] = 1; incl[m] += count }
    }
  }
  function print_top(title, counts, limit,    n, i, j, k, keys, t) {
    printf "%s\n", title
    n = 0
    for (k in counts) keys[++n] = k
    for (i = 2; i <= n; i++) {            # insertion sort, descending: lists are short
      t = keys[i]
      for (j = i - 1; j >= 1 && counts[keys[j]] < counts[t]; j--) keys[j + 1] = keys[j]
      keys[j + 1] = t
    }
    for (i = 1; i <= n && i <= limit; i++) printf "  %5.1f%%  %s\n", 100 * counts[keys[i]] / samples, keys[i]
  }
  END {
    if (samples == 0) { print "no samples"; exit 1 }
    printf "%d samples\n", samples
    print_top("threads:", threads, 6)
    print_top("layers (JDK frames count towards their nearest non-JDK caller):", layers, 20)
    print_top("kernel time by system call and the Java layer that made it:", syscalls, 10)
    print_top("self (leaf frame):", self, top)
    print_top("inclusive, webgarden and Vert.x methods:", incl, top)
  }' "$stacks"
