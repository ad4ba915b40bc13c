package io.webgarden.sidecar.logs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.statics.ServeOptions;
import io.webgarden.sidecar.statics.StaticFileResponder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves captured logs over HTTP: each application's log folder at the URL iisnode used ({@code
 * <app folder URL>/<logDirectory>/}) and, through {@link #serve}, wherever else a caller mounts one
 * (the admin port's {@code /apps/{app}/logs/}).
 *
 * <p>{@code …/} and {@code …/index.html} answer a fresh index; {@code …/<log file>} answers the
 * file as {@code text/plain; charset=utf-8} with ETag and Range support from {@link
 * StaticFileResponder}. Only names of log files are served, and only from the capture's log folder,
 * so nothing else on disk can be reached; anything else is 404. Disk work (listing, stat) runs on a
 * worker; the handler returns at once.
 *
 * <p>Thread-safe: registrations may change while requests are served.
 */
public final class LogServer {
  private static final Logger LOG = LoggerFactory.getLogger(LogServer.class);
  private static final String TEXT_UTF8 = "text/plain; charset=utf-8";

  /** Log files are .txt of captured output, which is UTF-8: say so (the default has no charset). */
  private static final ServeOptions LOG_FILE = new ServeOptions(TEXT_UTF8, Map.of(), true, false);

  private final Vertx vertx;
  private final StaticFileResponder files;
  private final ErrorResponder errors = new ErrorResponder();
  private final Map<String, LogCapture> captures = new ConcurrentHashMap<>();

  /**
   * @param vertx runs the disk work on its workers
   * @param clock stamps {@code Date} on served files
   */
  public LogServer(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.files = new StaticFileResponder(vertx, clock);
  }

  /**
   * Serves {@code capture}'s logs under {@code urlPrefix}, replacing any capture registered there.
   *
   * @param urlPrefix the log folder's URL with a trailing slash, as requests spell it
   *     (percent-encoded), e.g. {@code /hello/iisnode/}
   */
  public void register(String urlPrefix, LogCapture capture) {
    if (!urlPrefix.startsWith("/") || !urlPrefix.endsWith("/")) {
      throw new IllegalArgumentException("a log URL prefix starts and ends with '/': " + urlPrefix);
    }
    captures.put(urlPrefix, capture);
  }

  /** Stops serving logs under {@code urlPrefix}; for an application that went away. */
  public void unregister(String urlPrefix) {
    captures.remove(urlPrefix);
  }

  /** The capture of the application named {@code application}, for the admin port. */
  public Optional<LogCapture> capture(String application) {
    return captures.values().stream()
        .filter(capture -> capture.application().equals(application))
        .findFirst();
  }

  /**
   * Answers {@code request} if its path is in a registered log folder whose application has {@code
   * loggingEnabled}; otherwise returns false without touching the request, so the router can send
   * it on (to the application, as iisnode did when logging was off). The prefix matches without
   * regard to ASCII case, as IIS matches URLs; the folder's URL without its trailing slash is
   * redirected to it, so the index's relative links work.
   */
  public boolean handle(HttpServerRequest request) {
    String path = request.path();
    String best = null;
    for (String prefix : captures.keySet()) {
      boolean inside = path.regionMatches(true, 0, prefix, 0, prefix.length());
      boolean folder =
          path.length() == prefix.length() - 1
              && prefix.regionMatches(true, 0, path, 0, path.length());
      if ((inside || folder) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    LogCapture capture = best == null ? null : captures.get(best);
    if (capture == null || !capture.settings().enabled()) {
      return false;
    }
    if (path.length() < best.length()) {
      String query = request.query();
      String location = path + "/" + (query == null ? "" : "?" + query);
      request.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, location).end();
      return true;
    }
    serve(request, capture, path.substring(best.length()));
    return true;
  }

  /**
   * Answers {@code request} from {@code capture}'s log folder, whatever its URL: the admin port's
   * entry point. The request's URL must end in the folder's trailing slash for the index's relative
   * links to work.
   *
   * @param rest the path after the folder's URL: empty or {@code index.html} for the index, else a
   *     log file's name
   */
  public void serve(HttpServerRequest request, LogCapture capture, String rest) {
    HttpServerResponse response = request.response();
    // Revalidate every time (a log changes constantly); never let a browser guess HTML in a log.
    response
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff");
    HttpMethod method = request.method();
    if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
      response.putHeader(HttpHeaders.ALLOW, StaticFileResponder.ALLOWED_METHODS);
      error(request, 405, "method-not-allowed", "Logs answer GET and HEAD only.");
      return;
    }
    if (!capture.settings().enabled()) {
      error(request, 404, "logging-disabled", "loggingEnabled is false for this application.");
      return;
    }
    Optional<String> linkQuery = LogAccess.linkQuery(request, capture.settings().accessToken());
    if (linkQuery.isEmpty()) {
      deny(request, capture);
      return;
    }
    if (rest.isEmpty() || rest.equals(LogIndex.FILE_NAME)) {
      index(request, capture, linkQuery.get());
    } else {
      file(request, capture, rest);
    }
  }

  private void index(HttpServerRequest request, LogCapture capture, String linkQuery) {
    vertx
        .executeBlocking(() -> capture.renderIndex(linkQuery), false)
        .onSuccess(
            html -> {
              HttpServerResponse response = request.response();
              response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8");
              if (HttpMethod.HEAD.equals(request.method())) {
                response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(utf8Length(html)));
                response.end();
              } else {
                response.end(html);
              }
            })
        .onFailure(
            failure -> {
              LOG.warn(
                  "{}: cannot list log folder {} for {}: {}",
                  capture.application(),
                  capture.logFolder(),
                  request.path(),
                  failure.toString());
              error(request, 500, "log-index-error", "The log folder could not be listed.");
            });
  }

  private void file(HttpServerRequest request, LogCapture capture, String name) {
    Future<Optional<Path>> found = vertx.executeBlocking(() -> capture.logFile(name), false);
    found.onComplete(
        lookup -> {
          if (lookup.failed() || lookup.result().isEmpty()) {
            LOG.debug("{}: no log file for {}", capture.application(), request.path());
            error(request, 404, "not-found", "There is no log file of that name.");
            return;
          }
          files.respond(request, lookup.result().get(), LOG_FILE);
        });
  }

  private void deny(HttpServerRequest request, LogCapture capture) {
    if (LogAccess.presented(request)) {
      LOG.warn(
          "{}: refused a wrong log access token from {} for {}",
          capture.application(),
          request.remoteAddress(),
          request.path());
    } else {
      LOG.debug("{}: log request without a token for {}", capture.application(), request.path());
    }
    request.response().putHeader("WWW-Authenticate", "Bearer realm=\"webgarden logs\"");
    error(request, 401, "log-access-denied", "The logs need their access token.");
  }

  /**
   * Answers with the sidecar's error, keeping what {@link #serve} put on the response for it
   * (Cache-Control, nosniff, Allow, WWW-Authenticate).
   */
  private void error(HttpServerRequest request, int status, String cause, String summary) {
    errors.sendKeepingHeaders(request, status, cause, summary);
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
