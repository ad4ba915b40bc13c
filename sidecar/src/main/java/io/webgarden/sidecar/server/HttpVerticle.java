package io.webgarden.sidecar.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
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
            .invalidRequestHandler(HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER);
    return server.listen();
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
