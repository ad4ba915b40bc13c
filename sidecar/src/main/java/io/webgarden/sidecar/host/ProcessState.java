package io.webgarden.sidecar.host;

/**
 * A process's life: {@code STARTING → READY → DRAINING → STOPPED}, or {@code CRASHED} when it exits
 * on its own (or fails to start).
 */
public enum ProcessState {
  STARTING,
  READY,
  DRAINING,
  STOPPED,
  CRASHED;

  public boolean isFinal() {
    return this == STOPPED || this == CRASHED;
  }
}
