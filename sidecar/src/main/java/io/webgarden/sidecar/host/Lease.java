package io.webgarden.sidecar.host;

import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One admitted request's claim on a slot of one process: where to send the request, and the
 * process's identity for logs and headers. Release it exactly once, when the response has ended or
 * failed; releasing again is harmless.
 */
public final class Lease {
  private final NodeProcess process;
  private final Consumer<NodeProcess> onRelease;
  private final AtomicBoolean released = new AtomicBoolean();

  Lease(NodeProcess process, Consumer<NodeProcess> onRelease) {
    this.process = process;
    this.onRelease = onRelease;
  }

  /** The socket the process listens on. */
  public SocketAddress address() {
    return process.address().socketAddress();
  }

  public long pid() {
    return process.pid();
  }

  /** Requests the process has in flight now, this one included until it is released. */
  public int activeRequests() {
    return process.activeRequests();
  }

  /** The process's last output lines, for the dev error page when it failed the request. */
  public List<String> outputTail() {
    return process.outputTail();
  }

  NodeProcess process() {
    return process;
  }

  public void release() {
    if (released.compareAndSet(false, true)) {
      onRelease.accept(process);
    }
  }
}
