package io.webgarden.sidecar.proxy;

import io.webgarden.sidecar.host.Admission;
import io.webgarden.sidecar.host.Lease;

/**
 * The {@code iisnode-debug} header (debugHeaderEnabled): where a response came from and what the
 * garden looked like when it was sent, as iisnode's header told.
 */
final class DebugHeader {
  static final String NAME = "iisnode-debug";
  private static final String DOCS = "docs/troubleshooting.md#the-iisnode-debug-header";

  private DebugHeader() {}

  static String value(Admission application, Lease lease, RequestTrace trace) {
    long elapsedMillis = (System.nanoTime() - trace.receivedNanos()) / 1_000_000;
    return "pid="
        + lease.pid()
        + "; processes="
        + application.processCount()
        + "; activeRequests="
        + lease.activeRequests()
        + "; queuedRequests="
        + application.queueDepth()
        + "; queueWaitMs="
        + trace.queueWaitMillis()
        + "; elapsedMs="
        + elapsedMillis
        + "; help="
        + DOCS;
  }
}
