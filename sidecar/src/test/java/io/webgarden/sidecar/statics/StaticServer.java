package io.webgarden.sidecar.statics;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A real Vert.x HTTP server on 127.0.0.1, port 0, that maps {@code /name} to {@code root/name} and
 * hands it to a {@link StaticFileResponder}, as the site package will once it has resolved a URL. A
 * request carrying {@value #VANISH_HEADER} has its file deleted after that resolution and before
 * the responder runs.
 */
final class StaticServer implements AutoCloseable {

  static final String VANISH_HEADER = "x-test-vanish";

  private final Vertx vertx;
  private final HttpServer server;

  private StaticServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  static StaticServer start(Path root, Clock clock) throws Exception {
    Vertx vertx = Vertx.vertx();
    StaticFileResponder responder = new StaticFileResponder(vertx, clock);
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(
                request -> {
                  Path file = root.resolve(request.path().substring(1));
                  if (request.getHeader(VANISH_HEADER) == null) {
                    responder.respond(request, file);
                    return;
                  }
                  vertx
                      .fileSystem()
                      .delete(file.toString())
                      .onComplete(deleted -> responder.respond(request, file));
                });
    server.listen().await(10, TimeUnit.SECONDS);
    return new StaticServer(vertx, server);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
