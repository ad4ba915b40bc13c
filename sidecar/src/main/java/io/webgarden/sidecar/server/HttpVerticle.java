package io.webgarden.sidecar.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.errors.ErrorResponder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener of the application port. The sidecar deploys one per event loop; Vert.x spreads the
 * connections of the shared port over them, so every core serves requests.
 */
final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  private final HttpServerOptions options;
  private final Handler<HttpServerRequest> handler;
  private final Duration drainTimeout;
  private HttpServer server;

  HttpVerticle(
      HttpServerOptions options, Handler<HttpServerRequest> handler, Duration drainTimeout) {
    this.options = options;
    this.handler = handler;
    this.drainTimeout = drainTimeout;
  }

  @Override
  public Future<?> start() {
    server =
        vertx
            .createHttpServer(options)
            .requestHandler(handler)
            // Clients that reset or vanish are routine; Vert.x would log each at error, unnamed.
            .exceptionHandler(e -> LOG.debug("client connection: {}", e.toString()))
            .invalidRequestHandler(HttpVerticle::invalidRequest);
    return server.listen();
  }

  /**
   * A request the HTTP parser refused never reaches the router: Vert.x answers it (414 for a
   * request line over the limit, 431 for a header block, 400 for the rest, or a closed connection),
   * and this marks that answer as the sidecar's own, as every other is.
   */
  private static void invalidRequest(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    response.headersEndHandler(
        v -> response.putHeader(ErrorResponder.ERROR_HEADER, cause(response.getStatusCode())));
    HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
  }

  private static String cause(int status) {
    return switch (status) {
      case 414 -> "request-line-too-long";
      case 431 -> "header-too-large";
      default -> "bad-request";
    };
  }

  /**
   * Stops accepting connections and lets in-flight requests and WebSockets end, up to the drain
   * timeout: idle keep-alive connections close at once, busy ones after their response. Separate
   * from {@link #stop()}, because undeploying would also close the proxy's HTTP clients to the node
   * processes, which Vert.x ties to the verticle that created them.
   */
  Future<Void> drain() {
    return server.shutdown(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  int actualPort() {
    return server.actualPort();
  }
}
