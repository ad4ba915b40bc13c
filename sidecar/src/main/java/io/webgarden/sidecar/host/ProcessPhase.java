package io.webgarden.sidecar.host;

/**
 * A process's life as the host tracks it; {@link #shown()} is the coarser {@link ProcessState} that
 * GET /apps and the policies see. docs/lifecycle.md draws the same edges; a test compares them.
 */
enum ProcessPhase {
  /** Spawned; not yet listening, or its warm-up pages not yet answered. */
  STARTING(ProcessState.STARTING),
  /** Takes requests. */
  READY(ProcessState.READY),
  /** Takes requests while its replacement starts (a recycle policy, a recycle signal). */
  RETIRING(ProcessState.READY),
  /** Failed a health check: no requests while its replacement starts, then killed or orphaned. */
  HUNG(ProcessState.READY),
  /** No new requests; stopped once its in-flight ones finish (or a hung one is killed). */
  DRAINING(ProcessState.DRAINING),
  /** A hung process kept running, without requests, for orphanTimeoutMs; then killed. */
  ORPHANED(ProcessState.DRAINING),
  /** Exited after draining. */
  STOPPED(ProcessState.STOPPED),
  /** Exited on its own, or failed to start. */
  CRASHED(ProcessState.CRASHED);

  static final StateTable<ProcessPhase> EDGES =
      new StateTable<>(ProcessPhase.class)
          .allow(STARTING, READY, DRAINING, CRASHED)
          .allow(READY, RETIRING, DRAINING, CRASHED)
          .allow(RETIRING, HUNG, READY, DRAINING, CRASHED)
          .allow(HUNG, READY, DRAINING, ORPHANED, CRASHED)
          .allow(DRAINING, STOPPED)
          .allow(ORPHANED, DRAINING, STOPPED);

  private final ProcessState shown;

  ProcessPhase(ProcessState shown) {
    this.shown = shown;
  }

  ProcessState shown() {
    return shown;
  }

  /** Takes requests: ready, or ready while its replacement starts. */
  boolean serves() {
    return this == READY || this == RETIRING;
  }

  /** Starting or up: neither leaving service nor gone. */
  boolean isLive() {
    return this == STARTING || this == READY || this == RETIRING || this == HUNG;
  }
}
