package io.webgarden.sidecar.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.host.ApplicationManager;
import io.webgarden.sidecar.lifecycle.Lifecycle;
import io.webgarden.sidecar.logs.LogServer;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.util.List;
import java.util.function.Supplier;

/** Serves the admin endpoints. Answers everything on the event loop: nothing here blocks. */
public final class AdminServer {
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Vertx vertx;
  private final SidecarMetrics metrics;
  private final Supplier<Readiness> ready;
  private final AppsEndpoint apps;
  private HttpServer server;

  /**
   * @param ready what {@code /readyz} answers
   * @param brokenConfigFiles the site's web.config files that cannot be used, each as "file:line:
   *     column: problem", for GET /apps
   */
  public AdminServer(
      Vertx vertx,
      SidecarMetrics metrics,
      Supplier<Readiness> ready,
      ApplicationManager applications,
      Lifecycle lifecycle,
      LogServer logs,
      Supplier<List<String>> brokenConfigFiles) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.ready = ready;
    this.apps = new AppsEndpoint(applications, lifecycle, logs, brokenConfigFiles);
  }

  /** Listens on {@code host:port}; completes with the bound port (useful when port is 0). */
  public Future<Integer> listen(String host, int port) {
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
            .requestHandler(this::handle);
    return server.listen().map(HttpServer::actualPort);
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    if (AppsEndpoint.handles(request.path())) {
      apps.handle(request);
      return;
    }
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      refuse(request, 405, "method-not-allowed", "use GET\n");
      return;
    }
    switch (request.path()) {
      case "/healthz" -> answer(request, 200, TEXT, "ok\n");
      case "/readyz" -> {
        Readiness readiness = ready.get();
        if (readiness.ready()) {
          answer(request, 200, TEXT, readiness.body());
        } else {
          refuse(request, 503, "not-ready", readiness.body());
        }
      }
      case "/metrics" ->
          answer(request, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
      default ->
          refuse(
              request,
              404,
              "not-found",
              "not found; the admin port serves /healthz, /readyz, /metrics and /apps\n");
    }
  }

  /** The admin port's own refusal: its body says why, its {@code webgarden-error} names it. */
  private static void refuse(HttpServerRequest request, int status, String cause, String body) {
    request.response().putHeader(ErrorResponder.ERROR_HEADER, cause);
    answer(request, status, TEXT, body);
  }

  private static void answer(HttpServerRequest request, int status, String type, String body) {
    request.response().setStatusCode(status).putHeader("Content-Type", type).end(body);
  }
}
