package io.webgarden.sidecar.proxy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;

/**
 * A request's body, decided once from its head: empty, replayable (an idempotent request's body
 * that fits maxRequestBufferSize, read whole before the first attempt so that a retry can send it
 * again: the one bounded buffering of the proxy) or streamed to node as it arrives, which only one
 * attempt can do.
 */
final class RequestBody {
  private static final Set<HttpMethod> IDEMPOTENT =
      Set.of(
          HttpMethod.GET,
          HttpMethod.HEAD,
          HttpMethod.OPTIONS,
          HttpMethod.PUT,
          HttpMethod.DELETE,
          HttpMethod.TRACE);

  private static final RequestBody EMPTY = new RequestBody(false, null);
  private static final RequestBody STREAMED = new RequestBody(true, null);

  private final boolean streamed;
  private final Buffer bytes;

  private RequestBody(boolean streamed, Buffer bytes) {
    this.streamed = streamed;
    this.bytes = bytes;
  }

  /**
   * The body of a paused request: at once for an empty or streamed one (a streamed body stays
   * paused until it is sent), once read for a replayable one.
   *
   * @param maxBufferBytes the largest body that is read first (maxRequestBufferSize)
   */
  static Future<RequestBody> of(HttpServerRequest request, int maxBufferBytes) {
    String length = request.getHeader("content-length");
    boolean chunked = request.headers().contains("transfer-encoding");
    if (!chunked && (length == null || length.strip().equals("0"))) {
      resumeUnlessEnded(request);
      return Future.succeededFuture(EMPTY);
    }
    if (chunked || !idempotent(request) || !fits(length, maxBufferBytes)) {
      return Future.succeededFuture(STREAMED);
    }
    // body() only collects what arrives: the router paused the request, so let it flow.
    Future<Buffer> body = request.body();
    request.resume();
    return body.map(read -> new RequestBody(false, read));
  }

  private static boolean fits(String length, int maxBufferBytes) {
    try {
      return Long.parseLong(length.strip()) <= maxBufferBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Whether a request may be sent again after its process failed before answering. */
  static boolean idempotent(HttpServerRequest request) {
    return IDEMPOTENT.contains(request.method());
  }

  /** Whether the body streams from the client (so it can be sent once only). */
  boolean streamed() {
    return streamed;
  }

  /** The body read before the first attempt; null when it is empty or streamed. */
  Buffer bytes() {
    return bytes;
  }

  /** Vert.x refuses to resume a request whose end was already delivered. */
  static void resumeUnlessEnded(HttpServerRequest request) {
    if (!request.isEnded()) {
      request.resume();
    }
  }
}
