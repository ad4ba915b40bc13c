package io.webgarden.sidecar.host;

/**
 * Holds the queue during a demand start until the whole garden is up, so that requests are spread
 * over every process as iisnode spread them over its slots, instead of all going to the first
 * process that happens to be ready.
 *
 * <p>The hold ends when no process of the garden is starting any more (all ready, or failed), or
 * when the others have had as long again as the first one took to become ready (at least {@link
 * #MIN_GRACE_NANOS}): a process that is slow or never listens must not keep the queue waiting for
 * its whole processStartTimeoutMs. Not thread-safe: the application's lock guards it.
 */
final class DemandStart {
  static final long MIN_GRACE_NANOS = 1_000_000_000L;

  private final long startedNanos;
  private long firstReadyNanos = -1;

  DemandStart(long startedNanos) {
    this.startedNanos = startedNanos;
  }

  /**
   * Whether requests must still wait.
   *
   * @param starting processes of the garden still starting
   * @param ready processes of the garden ready
   */
  boolean holds(long nowNanos, long starting, long ready) {
    if (starting == 0) {
      return false;
    }
    if (ready == 0) {
      return true;
    }
    if (firstReadyNanos < 0) {
      firstReadyNanos = nowNanos;
    }
    return nowNanos - firstReadyNanos < graceNanos();
  }

  /** How long after the first ready process the hold ends at the latest; 0 before one is. */
  long remainingMillis(long nowNanos) {
    if (firstReadyNanos < 0) {
      return 0;
    }
    return Math.max(0, (firstReadyNanos + graceNanos() - nowNanos) / 1_000_000);
  }

  private long graceNanos() {
    return Math.max(MIN_GRACE_NANOS, firstReadyNanos - startedNanos);
  }
}
