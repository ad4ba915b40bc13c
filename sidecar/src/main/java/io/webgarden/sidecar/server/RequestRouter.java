package io.webgarden.sidecar.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.RawSetting;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import io.webgarden.sidecar.host.AppDefinition;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.host.ApplicationManager;
import io.webgarden.sidecar.host.HostFailure;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import io.webgarden.sidecar.proxy.NodeProxy;
import io.webgarden.sidecar.site.RequestFacts;
import io.webgarden.sidecar.site.Resolution;
import io.webgarden.sidecar.site.SiteConfig;
import io.webgarden.sidecar.site.SiteResolver;
import io.webgarden.sidecar.statics.StaticFileResponder;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The application port's request handler: resolve, then dispatch to whoever answers. */
final class RequestRouter implements Handler<HttpServerRequest> {
  private final SiteResolver site;
  private final ApplicationManager applications;
  private final NodeProxy proxy;
  private final StaticFileResponder statics;
  private final ErrorResponder errors;
  private final SidecarMetrics metrics;
  private final BooleanSupplier serving;
  private final boolean siteDevErrors;

  RequestRouter(SiteResolver site, ApplicationManager applications, NodeProxy proxy,
      StaticFileResponder statics, ErrorResponder errors, SidecarMetrics metrics,
      BooleanSupplier serving, boolean siteDevErrors) {
    this.site = site;
    this.applications = applications;
    this.proxy = proxy;
    this.statics = statics;
    this.errors = errors;
    this.metrics = metrics;
    this.serving = serving;
    this.siteDevErrors = siteDevErrors;
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.pause();
    long started = System.nanoTime();
    if (!serving.getAsBoolean()) {
      request.response().putHeader("Connection", "close");
      reply(request, SidecarError.of(503, HostFailure.Kind.SHUTTING_DOWN.header(),
          "The sidecar is shutting down.").retryAfter(5), false);
      record(request, SidecarMetrics.NO_APP, started);
      return;
    }
    Resolution resolution = site.resolve(facts(request));
    String appLabel = SidecarMetrics.NO_APP;
    if (resolution instanceof Resolution.NodeApp app) {
      appLabel = forward(request, app);
    } else {
      request.resume();
      answer(request, resolution);
    }
    record(request, appLabel, started);
  }

  /** Everything that is not a node application is answered here, on the event loop. */
  private void answer(HttpServerRequest request, Resolution resolution) {
    if (resolution instanceof Resolution.StaticFile file) {
      statics.respond(request, file.file());
    } else if (resolution instanceof Resolution.Redirect redirect) {
      request.response().setStatusCode(redirect.status())
          .putHeader("Location", redirect.location()).end();
    } else if (resolution instanceof Resolution.CustomResponse custom) {
      HttpServerResponse response = request.response().setStatusCode(custom.status());
      if (!custom.reason().isEmpty()) {
        response.setStatusMessage(custom.reason());
      }
      response.putHeader(ErrorResponder.ERROR_HEADER, "rewrite-custom-response")
          .putHeader("Content-Type", "text/plain; charset=utf-8").end(custom.description());
    } else if (resolution instanceof Resolution.Abort) {
      request.connection().close();
    } else if (resolution instanceof Resolution.Refused refused) {
      errors.send(request, SidecarError.of(refused.status(), "refused", refused.reason()), false);
    } else if (resolution instanceof Resolution.ConfigError error) {
      errors.send(request, configError(error.file().toString(), error.line(), error.message()),
          siteDevErrors);
    } else {
      errors.send(request,
          SidecarError.of(404, "not-found", "Nothing is served at " + request.path() + "."), false);
    }
  }

  private static RequestFacts facts(HttpServerRequest request) {
    return new RequestFacts(request.method().name(), request.uri(), null,
        request.headers()::get, request.isSSL(), request.getHeader("host"),
        request.localAddress() == null ? 0 : request.localAddress().port(),
        request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
  }

  private String forward(HttpServerRequest request, Resolution.NodeApp app) {
    SiteConfig config = app.config();
    List<RawSetting> attributes = config.iisnodeAttributes().entrySet().stream()
        .map(e -> new RawSetting(e.getKey(), e.getValue().value(), e.getValue().file().toString(),
            e.getValue().line()))
        .toList();
    try {
      Application application = applications.application(
          new AppDefinition(app.scriptUrl(), app.script(), attributes, config.appSettings()));
      proxy.forward(request, application);
      return application.name();
    } catch (ConfigException e) {
      reply(request, configError(e.source(), e.line(), e.problem()), siteDevErrors);
      return app.scriptUrl();
    }
  }

  private static SidecarError configError(String file, int line, String problem) {
    return SidecarError.of(500, "config-error", "The configuration is invalid: " + file
        + (line > 0 ? " line " + line : "") + ": " + problem);
  }

  private void reply(HttpServerRequest request, SidecarError error, boolean devErrors) {
    request.resume();
    errors.send(request, error, devErrors);
  }

  private void record(HttpServerRequest request, String app, long started) {
    HttpServerResponse response = request.response();
    Runnable done = () -> metrics.requestCompleted(app, response.getStatusCode(),
        Duration.ofNanos(System.nanoTime() - started));
    if (response.ended()) {
      done.run();
    } else {
      response.endHandler(v -> done.run());
    }
  }
}
