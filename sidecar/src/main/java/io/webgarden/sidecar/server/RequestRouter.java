package io.webgarden.sidecar.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.apps.AppDefinitions;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.debug.Debugger;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import io.webgarden.sidecar.errors.Failures;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.host.ApplicationManager;
import io.webgarden.sidecar.httperrors.HttpErrorPages;
import io.webgarden.sidecar.httperrors.SiteError;
import io.webgarden.sidecar.logs.AccessEntry;
import io.webgarden.sidecar.logs.ConsoleMirror;
import io.webgarden.sidecar.logs.LogServer;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import io.webgarden.sidecar.outputcache.OutputCache;
import io.webgarden.sidecar.proxy.BodyLimit;
import io.webgarden.sidecar.proxy.NodeProxy;
import io.webgarden.sidecar.proxy.ProxyHeaders;
import io.webgarden.sidecar.proxy.RequestTrace;
import io.webgarden.sidecar.site.ClientCache;
import io.webgarden.sidecar.site.FilterRule;
import io.webgarden.sidecar.site.RequestFacts;
import io.webgarden.sidecar.site.Resolution;
import io.webgarden.sidecar.site.SiteResolver;
import io.webgarden.sidecar.site.StaticContent;
import io.webgarden.sidecar.statics.DirectoryListing;
import io.webgarden.sidecar.statics.ServeOptions;
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
  private final DirectoryListing listings;
  private final ErrorResponder errors;
  private final HttpErrorPages pages;
  private final OutputCache outputCache;
  private final SidecarMetrics metrics;
  private final BooleanSupplier serving;
  private final LogServer logs;
  private final Debugger debugger;
  private final ConsoleMirror console;
  private final Settings siteDefaults;

  /**
   * @param siteDefaults the sidecar-wide settings (no web.config), for responses that belong to no
   *     application
   */
  RequestRouter(
      SiteResolver site,
      ApplicationManager applications,
      NodeProxy proxy,
      StaticFileResponder statics,
      DirectoryListing listings,
      ErrorResponder errors,
      HttpErrorPages pages,
      OutputCache outputCache,
      SidecarMetrics metrics,
      BooleanSupplier serving,
      LogServer logs,
      Debugger debugger,
      ConsoleMirror console,
      Settings siteDefaults) {
    this.site = site;
    this.applications = applications;
    this.proxy = proxy;
    this.statics = statics;
    this.listings = listings;
    this.errors = errors;
    this.pages = pages;
    this.outputCache = outputCache;
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
    if ((!serving.getAsBoolean() || ProxyHeaders.asksToClose(request.headers()))
        && !ProxyHeaders.isUpgrade(request.headers())) {
      // Shutting down, a request that still arrives on an open connection is served in full,
      // and its connection closes after it, so the client's next request goes to another pod.
      closeAfterResponse(request);
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
      serveStatic(request, file);
    } else if (resolution instanceof Resolution.DirectoryListing listing) {
      listings.respond(
          request, listing.folder(), listing.urlPath(), listing.columns(), listing.shown());
    } else if (resolution instanceof Resolution.Redirect redirect) {
      request
          .response()
          .setStatusCode(redirect.status())
          .putHeader("Location", redirect.location())
          .end();
    } else if (resolution instanceof Resolution.CustomResponse custom) {
      HttpServerResponse response = request.response().setStatusCode(custom.status());
      if (!custom.reason().isEmpty()) {
        response.setStatusMessage(custom.reason());
      }
      response
          .putHeader(ErrorResponder.ERROR_HEADER, "rewrite-custom-response")
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(custom.description());
    } else if (resolution instanceof Resolution.Abort) {
      request.connection().close();
    } else if (resolution instanceof Resolution.Filtered filtered) {
      refuseFiltered(request, filtered);
    } else if (resolution instanceof Resolution.Refused refused) {
      siteError(
          request,
          new SiteError(
              refused.status(),
              0,
              "refused",
              "The server refuses this request.",
              refused.reason()));
    } else if (resolution instanceof Resolution.ConfigError error) {
      errors.send(
          request,
          Failures.configError(error.file().toString(), error.line(), error.message()),
          siteDevErrors());
    } else {
      siteError(
          request,
          new SiteError(
              404,
              0,
              "not-found",
              "The resource you are looking for"
                  + " has been removed, had its name changed, or is temporarily unavailable.",
              "Nothing is served at " + request.path() + "."));
    }
  }

  /** IIS's static file handler: the site's MIME map and client cache decide the headers. */
  private void serveStatic(HttpServerRequest request, Resolution.StaticFile file) {
    StaticContent content = file.config().staticContent();
    ClientCache cache = content.clientCache();
    String name = file.file().getFileName().toString();
    String type = content.mimeType(name);
    if (type == null) {
      siteError(
          request,
          new SiteError(
              404,
              3,
              "mime-type-not-mapped",
              "The page you are"
                  + " requesting cannot be served because of the extension configuration.",
              "staticContent has no mimeMap for this file's extension; add one to web.config."));
      return;
    }
    statics.respond(
        request,
        file.file(),
        new ServeOptions(
            type, cache.headers(), cache.setEtag(), file.config().urlCompression().staticFiles()));
  }

  /** IIS request filtering said no: answer without reading a byte of the body. */
  private void refuseFiltered(HttpServerRequest request, Resolution.Filtered filtered) {
    FilterRule rule = filtered.rule();
    if (rule == FilterRule.CONTENT_TOO_LONG) {
      // The unread body would otherwise be drained to keep the connection; IIS closes it too.
      closeAfterResponse(request);
    }
    siteError(
        request,
        new SiteError(
            rule.status(),
            rule.subStatus(),
            rule.cause(),
            "The request filtering module is configured to deny a request that contains "
                + rule.what()
                + ".",
            filtered.detail()
                + "; see security/requestFiltering/"
                + rule.setting()
                + " in web.config."));
  }

  /** The sidecar's own error for a site request, as the folder's httpErrors say. */
  private void siteError(HttpServerRequest request, SiteError error) {
    pages.send(request, site.httpErrors(request.path()), error, site::staticFile);
  }

  private static RequestFacts facts(HttpServerRequest request) {
    return new RequestFacts(
        request.method().name(),
        request.uri(),
        null,
        request.headers()::get,
        request.isSSL(),
        request.getHeader("host"),
        request.localAddress() == null ? 0 : request.localAddress().port(),
        request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
  }

  /** Hands the request to its application; null when the application cannot be created. */
  private Application forward(
      HttpServerRequest request, Resolution.NodeApp app, RequestTrace trace) {
    try {
      Application application = applications.find(app.scriptUrl()).orElse(null);
      if (application == null) {
        application =
            applications.application(
                AppDefinitions.from(app.scriptUrl(), app.script(), app.config()));
      }
      if (Debugger.handles(application.settings(), app.pathInfo())) {
        debugger.handle(request, application, app.pathInfo());
      } else {
        serveCachedOrForward(request, application, app, trace);
      }
      return application;
    } catch (ConfigException e) {
      reply(request, Failures.configError(e.source(), e.line(), e.problem()), siteDevErrors());
      return null;
    }
  }

  /**
   * IIS's output cache: a hit is answered here and never reaches node; a miss may be kept. Keys
   * carry the serving revision, so a recycle invalidates everything once its new processes serve
   * (during the overlap the old revision's responses are still the right ones).
   */
  private void serveCachedOrForward(
      HttpServerRequest request,
      Application application,
      Resolution.NodeApp app,
      RequestTrace trace) {
    OutputCache.Lookup lookup =
        OutputCache.lookup(
            request,
            app.config().outputCaching(),
            application.name() + '#' + application.revision().number(),
            app.script().getFileName().toString());
    if (lookup != null && outputCache.serve(request, lookup)) {
      return;
    }
    proxy.forward(
        request,
        application,
        trace,
        lookup == null ? null : outputCache.recorder(lookup),
        bodyLimit(request, app),
        app.config().urlCompression().dynamicResponses());
  }

  /**
   * requestLimits' maxAllowedContentLength for a body without a Content-Length, which the filter
   * could not check from the head: the proxy counts it as it streams, and past the limit IIS's 413
   * is answered here as for a Content-Length over it.
   */
  private BodyLimit bodyLimit(HttpServerRequest request, Resolution.NodeApp app) {
    long max = app.config().requestFiltering().maxAllowedContentLength();
    return new BodyLimit(
        max,
        () ->
            refuseFiltered(
                request,
                new Resolution.Filtered(
                    FilterRule.CONTENT_TOO_LONG,
                    "a body sent without"
                        + " Content-Length passed "
                        + max
                        + " bytes, maxAllowedContentLength")));
  }

  private boolean siteDevErrors() {
    return siteDefaults.bool(Setting.DEV_ERRORS_ENABLED);
  }

  private void reply(HttpServerRequest request, SidecarError error, boolean devErrors) {
    request.resume();
    errors.send(request, error, devErrors);
  }

  /** Counts the request and writes its access-log line once the response has ended. */
  private void record(HttpServerRequest request, Application application, RequestTrace trace) {
    HttpServerResponse response = request.response();
    Runnable done =
        () -> {
          long nanos = System.nanoTime() - trace.receivedNanos();
          // Vert.x also ends a response whose connection closed first; nginx's 499 says so.
          int status = response.ended() ? response.getStatusCode() : CLIENT_CLOSED_REQUEST;
          metrics.requestCompleted(
              application == null ? SidecarMetrics.NO_APP : application.name(),
              status,
              Duration.ofNanos(nanos));
          Settings settings = application == null ? siteDefaults : application.settings();
          if (settings.bool(Setting.ACCESS_LOG_ENABLED)) {
            console.access(
                new AccessEntry(
                    request.method().name(),
                    request.uri(),
                    status,
                    response.bytesWritten(),
                    nanos / 1_000_000,
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
