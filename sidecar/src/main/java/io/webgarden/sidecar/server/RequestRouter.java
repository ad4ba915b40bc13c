package io.webgarden.sidecar.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.apps.AppCatalog;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.debug.Debugger;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.Failures;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.httperrors.HttpErrorPages;
import io.webgarden.sidecar.logs.AccessEntry;
import io.webgarden.sidecar.logs.ConsoleMirror;
import io.webgarden.sidecar.logs.LogServer;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import io.webgarden.sidecar.outputcache.OutputCache;
import io.webgarden.sidecar.proxy.BodyLimit;
import io.webgarden.sidecar.proxy.NodeProxy;
import io.webgarden.sidecar.proxy.ProxyHeaders;
import io.webgarden.sidecar.proxy.RequestTrace;
import io.webgarden.sidecar.site.FilterRule;
import io.webgarden.sidecar.site.RequestFacts;
import io.webgarden.sidecar.site.Resolution;
import io.webgarden.sidecar.site.SiteResolver;
import io.webgarden.sidecar.statics.DirectoryListing;
import io.webgarden.sidecar.statics.StaticFileResponder;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application port's request handler. {@link #handle} is the whole request path, a list of
 * named steps: close-if-asked, close-when-stopping, logs, resolve, create (a new application, off
 * the event loop), dispatch, record. It alone pauses the request (the body waits until whoever
 * answers wants it: the proxy streams it to node, every other answer resumes it here) and alone
 * sets the response's hooks (closing the connection after the response, the access line and metrics
 * once it ended).
 */
final class RequestRouter implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);
  private static final int CLIENT_CLOSED_REQUEST = 499;
  private final SiteResolver site;
  private final AppCatalog applications;
  private final NodeProxy proxy;
  private final SiteAnswers answers;
  private final ErrorResponder errors;
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
      AppCatalog applications,
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
    this.errors = errors;
    this.outputCache = outputCache;
    this.metrics = metrics;
    this.serving = serving;
    this.logs = logs;
    this.debugger = debugger;
    this.console = console;
    this.siteDefaults = siteDefaults;
    this.answers =
        new SiteAnswers(
            site, statics, listings, errors, pages, siteDefaults.bool(Setting.DEV_ERRORS_ENABLED));
  }

  @Override
  public void handle(HttpServerRequest request) {
    RequestTrace trace = new RequestTrace(System.nanoTime());
    request.pause();
    closeIfAsked(request);
    closeWhenStopping(request);
    Application application = null;
    try {
      if (!logs.handle(request)) {
        Resolution resolution = site.resolve(facts(request));
        if (resolution instanceof Resolution.NodeApp app && applications.find(app).isEmpty()) {
          createThenDispatch(request, app, trace);
          return;
        }
        application = dispatch(request, resolution, trace);
      }
    } catch (RuntimeException e) {
      internalError(request, e);
    }
    record(request, application, trace);
  }

  /**
   * Honours a client's {@code Connection: close, X-Other} whoever answers: Vert.x's server closes
   * only on a value of exactly "close".
   */
  private static void closeIfAsked(HttpServerRequest request) {
    if (ProxyHeaders.asksToClose(request.headers()) && !ProxyHeaders.isUpgrade(request.headers())) {
      closeAfterResponse(request);
    }
  }

  /**
   * Shutting down, a request that still arrives on an open connection is served in full, and its
   * connection closes after it, so the client's next request goes to another pod. (Refusing it
   * would fail a request that a pod still in the Service's endpoints was sent in good faith.)
   */
  private void closeWhenStopping(HttpServerRequest request) {
    if (!serving.getAsBoolean() && !ProxyHeaders.isUpgrade(request.headers())) {
      closeAfterResponse(request);
    }
  }

  private static void closeAfterResponse(HttpServerRequest request) {
    request.response().putHeader("Connection", "close");
    // Vert.x queues the close behind the response's last bytes.
    request.response().bodyEndHandler(v -> request.connection().close());
  }

  /** What the site says a request is, from its head alone. */
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

  /**
   * Hands the request to whoever answers its resolution: a node application (through the debugger,
   * the output cache or the proxy), else {@link SiteAnswers}.
   *
   * @return the application that answers, for the access line; null for any other answer
   */
  private Application dispatch(
      HttpServerRequest request, Resolution resolution, RequestTrace trace) {
    if (resolution instanceof Resolution.NodeApp app) {
      return toApplication(request, app, trace);
    }
    if (resolution instanceof Resolution.Filtered filtered
        && filtered.rule() == FilterRule.CONTENT_TOO_LONG) {
      // IIS closes the connection too, rather than read a body it refused to the end; the
      // body is drained for a bounded while first, so that the client gets to read the 413.
      LingeringClose.after(request);
    }
    request.resume();
    answers.answer(request, resolution);
    return null;
  }

  /**
   * The first request for an application the catalog does not have yet: it is created on a worker
   * thread (creating reads iisnode.yml), the request staying paused, then dispatched and recorded
   * as any other; an invalid configuration is answered with its file and line.
   */
  private void createThenDispatch(
      HttpServerRequest request, Resolution.NodeApp app, RequestTrace trace) {
    applications
        .application(app)
        .onComplete(
            created -> {
              Application application = null;
              try {
                if (created.succeeded()) {
                  application = dispatch(request, app, trace);
                } else if (created.cause() instanceof ConfigException e) {
                  request.resume();
                  answers.configError(request, e.source(), e.line(), e.problem());
                } else {
                  throw new IllegalStateException("creating " + app.scriptUrl(), created.cause());
                }
              } catch (RuntimeException e) {
                internalError(request, e);
              }
              record(request, application, trace);
            });
  }

  /** The request's application, which exists (see {@link #createThenDispatch}). */
  private Application toApplication(
      HttpServerRequest request, Resolution.NodeApp app, RequestTrace trace) {
    Application application = applications.find(app).orElseThrow();
    if (Debugger.handles(application.settings(), app.pathInfo())) {
      debugger.handle(request, application, app.pathInfo());
    } else {
      serveCachedOrForward(request, application, app, trace);
    }
    return application;
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
            application.name(),
            application.revision().number(),
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
        () -> {
          LingeringClose.after(request);
          answers.refuseFiltered(
              request,
              new Resolution.Filtered(
                  FilterRule.CONTENT_TOO_LONG,
                  "a body sent without"
                      + " Content-Length passed "
                      + max
                      + " bytes, maxAllowedContentLength"));
        });
  }

  /** A bug of the sidecar's: the client learns it from a 500, the log says where. */
  private void internalError(HttpServerRequest request, RuntimeException e) {
    LOG.error("{} {}: the sidecar failed", request.method(), request.uri(), e);
    if (!request.isEnded()) {
      request.resume();
    }
    errors.send(request, Failures.answer(e), siteDefaults.bool(Setting.DEV_ERRORS_ENABLED));
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
