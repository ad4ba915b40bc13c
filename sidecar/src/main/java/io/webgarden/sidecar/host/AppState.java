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
  STOPPED
}
