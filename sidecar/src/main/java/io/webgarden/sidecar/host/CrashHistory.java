package io.webgarden.sidecar.host;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An application's recent crashes: how long to wait before the next restart (100 ms, doubling, at
 * most 10 s, reset by a process that ran 30 s) and how many crash-loop crashes (see {@link
 * #isCrashLoop}) fall within rapid-fail protection's window. Not thread-safe: the owning
 * application's lock guards it.
 */
final class CrashHistory {
  static final long FIRST_BACKOFF_MS = 100;
  static final long MAX_BACKOFF_MS = 10_000;

  /** A process that ran this long before crashing resets the back-off. */
  static final long STABLE_UPTIME_MS = 30_000;

  /** A process that dies within this long of becoming ready was never really up. */
  static final long CRASH_LOOP_UPTIME_MS = 10_000;

  private final Deque<Long> recent = new ArrayDeque<>();
  private int consecutive;

  /**
   * Whether a crash is part of a crash loop: the process never became ready, or died within {@link
   * #CRASH_LOOP_UPTIME_MS} of it. A process that served longer and then died is lost capacity (a
   * kill, the OOM killer, a rare bug), which a restart repairs.
   *
   * @param readyMillis how long the process was ready; -1 for one that never was
   */
  static boolean isCrashLoop(long readyMillis) {
    return readyMillis < CRASH_LOOP_UPTIME_MS;
  }

  /**
   * Records a crash.
   *
   * @param readyMillis how long the process was ready; -1 for one that never was
   * @return how many crash-loop crashes happened within the last {@code windowMillis}, this one
   *     included if it is one
   */
  int crashed(long nowMillis, long readyMillis, long windowMillis) {
    consecutive = readyMillis > STABLE_UPTIME_MS ? 1 : consecutive + 1;
    if (isCrashLoop(readyMillis)) {
      recent.addLast(nowMillis);
    }
    while (!recent.isEmpty() && nowMillis - recent.peekFirst() > windowMillis) {
      recent.removeFirst();
    }
    return recent.size();
  }

  /** The wait before restarting after the last crash. */
  long restartDelayMillis() {
    return Math.min(FIRST_BACKOFF_MS << Math.max(0, Math.min(consecutive - 1, 20)), MAX_BACKOFF_MS);
  }

  /** A recycle starts afresh: new code deserves a fresh count. */
  /** Crash-loop crashes within the window at the last {@link #crashed}. */
  int recentCrashes() {
    return recent.size();
  }

  void clear() {
    recent.clear();
    consecutive = 0;
  }
}
