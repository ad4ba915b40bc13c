package io.webgarden.sidecar.server;

import io.vertx.core.Future;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for a listener of the starting sidecar, and says plainly why it could not listen. */
final class Listening {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private Listening() {}

  /**
   * Awaits a listener, turning "Address already in use" into a message that names the address, the
   * flag that chose it and what it is for.
   */
  static <T> T await(Future<T> listening, String host, int port, String flag, String purpose) {
    try {
      return awaitStarted(listening);
    } catch (IllegalStateException e) {
      boolean taken =
          e.getCause() instanceof BindException
              || String.valueOf(e.getMessage()).contains("Address already in use");
      throw new IllegalStateException(
          (taken
                  ? "port " + port + " on " + host + " is already in use by another process"
                  : "cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")")
              + "; it is set by "
              + flag
              + " (for "
              + purpose
              + ")",
          e);
    }
  }

  private static <T> T awaitStarted(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("the sidecar did not start: " + e, e);
    }
  }
}
