package io.webgarden.sidecar.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.debug.Debugger;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.host.ApplicationManager;
import io.webgarden.sidecar.host.HostFailure;
import io.webgarden.sidecar.logs.AccessEntry;
import io.webgarden.sidecar.logs.ConsoleMirror;
import io.webgarden.sidecar.logs.LogServer;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import io.webgarden.sidecar.proxy.NodeProxy;
import io.webgarden.sidecar.proxy.ProxyHeaders;
import io.webgarden.sidecar.proxy.RequestTrace;
import io.webgarden.sidecar.site.FilterRule;
import io.webgarden.sidecar.site.RequestFacts;
import io.webgarden.sidecar.site.Resolution;
import io.webgarden.sidecar.site.SiteResolver;
import io.webgarden.sidecar.statics.StaticFileResponder;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/** The application port's request handler: resolve, then dispatch to whoever answers. */
final class RequestRouter implements Handler<HttpServerRequest> {
  private static final int CLIENT_CLOSED_REQUEST = 499;
  private final SiteResolver site;
  private final ApplicationManager applications;
  private final NodeProxy proxy;
  private final StaticFileResponder statics;
  private final ErrorResponder errors;
  private final SidecarMetrics metrics;
  private final BooleanSupplier serving;
  private final LogServer logs;
  private final Debugger debugger;
  private final ConsoleMirror console;
  private final Settings siteDefaults;

  /**
   * @param siteDefaults the sidecar-wide settings (no web.config), for responses that belong to
   *     no application
   */
  RequestRouter(SiteResolver site, ApplicationManager applications, NodeProxy proxy,
      StaticFileResponder statics, ErrorResponder errors, SidecarMetrics metrics,
      BooleanSupplier serving, LogServer logs, Debugger debugger, ConsoleMirror console,
      Settings siteDefaults) {
    this.site = site;
    this.applications = applications;
    this.proxy = proxy;
    this.statics = statics;
    this.errors = errors;
    this.metrics = metrics;
    this.serving = serving;
    this.logs = logs;
    this.debugger = debugger;
    this.console = console;
    this.siteDefaults = siteDefaults;
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.pause();
    RequestTrace trace = new RequestTrace(System.nanoTime());
    if (ProxyHeaders.asksToClose(request.headers()) && !ProxyHeaders.isUpgrade(request.headers())) {
      closeAfterResponse(request);
    }
    if (!serving.getAsBoolean()) {
      request.response().putHeader("Connection", "close");
      reply(request, SidecarError.of(503, HostFailure.Kind.SHUTTING_DOWN.header(),
          "The sidecar is shutting down.").retryAfter(5), false);
      record(request, null, trace);
      return;
    }
    if (logs.handle(request)) {
      record(request, null, trace);
      return;
    }
    Resolution resolution = site.resolve(facts(request));
    Application application = null;
    if (resolution instanceof Resolution.NodeApp app) {
      application = forward(request, app, trace);
    } else {
      request.resume();
      answer(request, resolution);
    }
    record(request, application, trace);
  }

  /**
   * Honours a client's {@code Connection: close, X-Other} whoever answers: Vert.x's server closes
   * only on a value of exactly "close".
   */
  private static void closeAfterResponse(HttpServerRequest request) {
    request.response().putHeader("Connection", "close");
    // Vert.x queues the close behind the response's last bytes.
    request.response().bodyEndHandler(v -> request.connection().close());
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
    } else if (resolution instanceof Resolution.Filtered filtered) {
      refuseFiltered(request, filtered);
    } else if (resolution instanceof Resolution.Refused refused) {
      errors.send(request, SidecarError.of(refused.status(), "refused", refused.reason()), false);
    } else if (resolution instanceof Resolution.ConfigError error) {
      errors.send(request, configError(error.file().toString(), error.line(), error.message()),
          siteDevErrors());
    } else {
      errors.send(request,
          SidecarError.of(404, "not-found", "Nothing is served at " + request.path() + "."), false);
    }
  }

  /** IIS request filtering said no: answer without reading a byte of the body. */
  private void refuseFiltered(HttpServerRequest request, Resolution.Filtered filtered) {
    FilterRule rule = filtered.rule();
    if (rule == FilterRule.CONTENT_TOO_LONG) {
      // The unread body would otherwise be drained to keep the connection; IIS closes it too.
      closeAfterResponse(request);
    }
    errors.send(request, SidecarError.of(rule.status(), rule.cause(), "HTTP Error "
        + rule.iisCode() + ": request filtering denied a request that contains " + rule.what()
        + " (" + filtered.detail() + "); see requestFiltering/" + rule.setting()
        + " in web.config."), false);
  }

  private static RequestFacts facts(HttpServerRequest request) {
    return new RequestFacts(request.method().name(), request.uri(), null,
        request.headers()::get, request.isSSL(), request.getHeader("host"),
        request.localAddress() == null ? 0 : request.localAddress().port(),
        request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
  }

  /** Hands the request to its application; null when the application cannot be created. */
  private Application forward(HttpServerRequest request, Resolution.NodeApp app,
      RequestTrace trace) {
    try {
      Application application = applications.find(app.scriptUrl()).orElse(null);
      if (application == null) {
        application = applications.application(
            AppDefinitions.from(app.scriptUrl(), app.script(), app.config()));
      }
      if (Debugger.handles(application.settings(), app.pathInfo())) {
        debugger.handle(request, application, app.pathInfo());
      } else {
        proxy.forward(request, application, trace);
      }
      return application;
    } catch (ConfigException e) {
      reply(request, configError(e.source(), e.line(), e.problem()), siteDevErrors());
      return null;
    }
  }

  private boolean siteDevErrors() {
    return siteDefaults.bool(Setting.DEV_ERRORS_ENABLED);
  }

  private static SidecarError configError(String file, int line, String problem) {
    return SidecarError.of(500, "config-error", "The configuration is invalid: " + file
        + (line > 0 ? " line " + line : "") + ": " + problem);
  }

  private void reply(HttpServerRequest request, SidecarError error, boolean devErrors) {
    request.resume();
    errors.send(request, error, devErrors);
  }

  /** Counts the request and writes its access-log line once the response has ended. */
  private void record(HttpServerRequest request, Application application, RequestTrace trace) {
    HttpServerResponse response = request.response();
    Runnable done = () -> {
      long nanos = System.nanoTime() - trace.receivedNanos();
      // Vert.x also ends a response whose connection closed first; nginx's 499 says so.
      int status = response.ended() ? response.getStatusCode() : CLIENT_CLOSED_REQUEST;
      metrics.requestCompleted(application == null ? SidecarMetrics.NO_APP : application.name(),
          status, Duration.ofNanos(nanos));
      Settings settings = application == null ? siteDefaults : application.settings();
      if (settings.bool(Setting.ACCESS_LOG_ENABLED)) {
        console.access(new AccessEntry(request.method().name(), request.uri(),
            status, response.bytesWritten(), nanos / 1_000_000,
            trace.pid() < 0 ? OptionalLong.empty() : OptionalLong.of(trace.pid()),
            trace.queueWaitMillis()));
      }
    };
    if (response.ended()) {
      done.run();
    } else {
      response.endHandler(v -> done.run());
    }
  }
}
