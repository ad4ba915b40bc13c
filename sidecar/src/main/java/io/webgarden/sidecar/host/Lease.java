package io.webgarden.sidecar.host;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted request's claim on a process slot. Release it exactly once, when the response has
 * ended or failed; releasing again is harmless.
 */
public final class Lease {
  private final Application application;
  private final NodeProcess process;
  private final AtomicBoolean released = new AtomicBoolean();

  Lease(Application application, NodeProcess process) {
    this.application = application;
    this.process = process;
  }

  public NodeProcess process() {
    return process;
  }

  public void release() {
    if (released.compareAndSet(false, true)) {
      application.release(process);
    }
  }
}
