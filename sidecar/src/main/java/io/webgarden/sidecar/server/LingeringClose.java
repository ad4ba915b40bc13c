package io.webgarden.sidecar.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Closes a connection after an answer that refuses the request's body (requestLimits' 413) without
 * losing the answer. Closing a socket with bytes of the client's still unread makes the kernel send
 * a TCP reset, and a reset discards what the client has not read yet, the 413 among it: a client
 * that sends its whole body before reading, as most do, saw ECONNRESET instead. So the answer goes
 * with {@code Connection: close}, what the client still sends is read and dropped (never
 * forwarded), and the connection closes once the body ended, or after {@link #MAX_MILLIS} or {@link
 * #MAX_BYTES} of draining, whichever comes first (Apache's and nginx's lingering close).
 */
final class LingeringClose {
  /** How long a refused body is drained at most, from the refusal on. */
  static final long MAX_MILLIS = 5_000;

  /** How much of a refused body is drained at most. */
  static final long MAX_BYTES = 32L << 20;

  private final HttpServerRequest request;
  private boolean bodyEnded;
  private boolean answered;
  private boolean closed;
  private long drained;
  private long timer = -1;
  private Vertx vertx;

  private LingeringClose(HttpServerRequest request) {
    this.request = request;
  }

  /** Closes {@code request}'s connection after its response, draining its body first. */
  static void after(HttpServerRequest request) {
    new LingeringClose(request).start();
  }

  private void start() {
    HttpServerResponse response = request.response();
    response.putHeader("Connection", "close");
    // Vert.x queues the close behind the response's last bytes.
    response.bodyEndHandler(
        v -> {
          answered = true;
          closeWhenDrained();
        });
    if (request.isEnded()) {
      bodyEnded = true;
      return;
    }
    Context context = Vertx.currentContext();
    if (context != null) {
      vertx = context.owner();
      timer = vertx.setTimer(MAX_MILLIS, t -> close());
    }
    request.handler(
        chunk -> {
          drained += chunk.length();
          if (drained > MAX_BYTES) {
            close();
          }
        });
    request.endHandler(
        v -> {
          bodyEnded = true;
          closeWhenDrained();
        });
    request.resume();
  }

  private void closeWhenDrained() {
    if (answered && bodyEnded) {
      close();
    }
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    request.connection().close();
  }
}
