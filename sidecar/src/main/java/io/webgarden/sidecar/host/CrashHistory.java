package io.webgarden.sidecar.host;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An application's recent crashes: how long to wait before the next restart (100 ms, doubling, at
 * most 10 s, reset by a process that ran 30 s) and how many crashes fall within rapid-fail
 * protection's window. Not thread-safe: the owning application's lock guards it.
 */
final class CrashHistory {
  static final long FIRST_BACKOFF_MS = 100;
  static final long MAX_BACKOFF_MS = 10_000;
  /** A process that ran this long before crashing resets the back-off. */
  static final long STABLE_UPTIME_MS = 30_000;

  private final Deque<Long> recent = new ArrayDeque<>();
  private int consecutive;

  /**
   * Records a crash.
   *
   * @param uptimeMillis how long the process ran; -1 for one that never started
   * @return how many crashes happened within the last {@code windowMillis}, this one included
   */
  int crashed(long nowMillis, long uptimeMillis, long windowMillis) {
    consecutive = uptimeMillis > STABLE_UPTIME_MS ? 1 : consecutive + 1;
    recent.addLast(nowMillis);
    while (nowMillis - recent.peekFirst() > windowMillis) {
      recent.removeFirst();
    }
    return recent.size();
  }

  /** The wait before restarting after the last crash. */
  long restartDelayMillis() {
    return Math.min(FIRST_BACKOFF_MS << Math.max(0, Math.min(consecutive - 1, 20)),
        MAX_BACKOFF_MS);
  }

  /** A recycle starts afresh: new code deserves a fresh count. */
  void clear() {
    recent.clear();
    consecutive = 0;
  }
}
