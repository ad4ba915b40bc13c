package io.webgarden.sidecar.host;

/**
 * An application's life.
 *
 * <pre>
 *   IDLE ──first request / preload──▶ RUNNING ──recycle──▶ RECYCLING ──new revision ready──▶ RUNNING
 *    ▲                                  │  │                   │ new revision failed: back to RUNNING
 *    └──────────idle timeout────────────┘  └──too many crashes──▶ OUT_OF_SERVICE ──recycle──▶ RUNNING
 *   any ──sidecar shutdown──▶ STOPPED
 * </pre>
 */
public enum AppState {
  /** No processes; the next request starts them. */
  IDLE,
  /** Processes of one revision serve requests. */
  RUNNING,
  /** A new revision's processes are starting; the old ones serve until they are ready. */
  RECYCLING,
  /** Rapid-fail protection tripped: every request gets 503 until a file change or recycle. */
  OUT_OF_SERVICE,
  /** The sidecar is shutting down. */
  STOPPED;

  /** The allowed edges; docs/lifecycle.md draws the same, and a test compares them. */
  static final StateTable<AppState> EDGES =
      new StateTable<>(AppState.class)
          .allow(IDLE, RUNNING, STOPPED)
          .allow(RUNNING, RECYCLING, IDLE, OUT_OF_SERVICE, STOPPED)
          .allow(RECYCLING, RUNNING, OUT_OF_SERVICE, STOPPED)
          .allow(OUT_OF_SERVICE, RUNNING, STOPPED);
}
