package io.webgarden.sidecar.host;

import io.webgarden.sidecar.metrics.SidecarMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application's state machine ({@link AppState}, on the edges of {@link AppState#EDGES}) and
 * what the states carry: why it is out of service, and why its last start failed. Says why it
 * cannot take traffic, for /readyz. Not thread-safe: the owning application's monitor guards it.
 */
final class AppLife {
  private static final Logger LOG = LoggerFactory.getLogger(AppLife.class);

  private final String app;
  private final SidecarMetrics metrics;
  private AppState state = AppState.IDLE;
  private String outOfServiceCause;

  /** Why the serving revision's last start failed; cleared once a process is ready. */
  private String lastStartFailure;

  AppLife(String app, SidecarMetrics metrics) {
    this.app = app;
    this.metrics = metrics;
  }

  AppState state() {
    return state;
  }

  /** Whether processes serve or start: RUNNING or RECYCLING. */
  boolean serves() {
    return state == AppState.RUNNING || state == AppState.RECYCLING;
  }

  /**
   * Moves along an edge of {@link AppState#EDGES}; logged at info and counted. Staying in the same
   * state is no move.
   *
   * @throws IllegalStateException for an edge outside the table
   */
  void move(AppState next, String why) {
    AppState from = state;
    if (from != next) {
      AppState.EDGES.check(from, next);
      LOG.info("{}: {} -> {} ({})", app, from, next, why);
      state = next;
      metrics.applicationTransition(from.name(), next.name());
    }
  }

  /** Rapid-fail protection tripped: every request gets 503 with {@code cause}. */
  void outOfService(String cause) {
    outOfServiceCause = cause;
    move(AppState.OUT_OF_SERVICE, cause);
  }

  /** Why it is out of service; null while it is not. */
  String outOfServiceCause() {
    return state == AppState.OUT_OF_SERVICE ? outOfServiceCause : null;
  }

  void startFailed(String why) {
    lastStartFailure = why;
  }

  /** A process is ready, or a recycle starts afresh: the last start failure is history. */
  void startSucceeded() {
    lastStartFailure = null;
  }

  /**
   * Why the application cannot take traffic now, for /readyz; null when it can.
   *
   * @param anyReady whether a process is ready
   */
  String notReadyReason(boolean anyReady) {
    return switch (state) {
      case IDLE -> null;
      case STOPPED -> "the sidecar is shutting down";
      case OUT_OF_SERVICE -> "out of service: " + outOfServiceCause;
      case RUNNING, RECYCLING ->
          anyReady
              ? null
              : lastStartFailure != null
                  ? "its last start failed (retrying with back-off): " + lastStartFailure
                  : "no process is ready yet (starting or warming up)";
    };
  }
}
