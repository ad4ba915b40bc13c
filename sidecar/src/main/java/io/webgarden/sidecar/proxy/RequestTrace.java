package io.webgarden.sidecar.proxy;

/**
 * What happened to one request on its way through the proxy, for the access log: which process
 * answered and how long the request waited for it. Written on the request's event loop only.
 */
public final class RequestTrace {
  private final long receivedNanos;
  private long pid = -1;
  private long queueWaitNanos;

  public RequestTrace(long receivedNanos) {
    this.receivedNanos = receivedNanos;
  }

  public long receivedNanos() {
    return receivedNanos;
  }

  /** The process that answered, or -1 when none did. */
  public long pid() {
    return pid;
  }

  public long queueWaitMillis() {
    return queueWaitNanos / 1_000_000;
  }

  void admitted(long processPid, long waitedNanos) {
    pid = processPid;
    queueWaitNanos += waitedNanos;
  }
}
