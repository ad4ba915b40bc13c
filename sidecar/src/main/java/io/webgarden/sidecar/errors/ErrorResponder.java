package io.webgarden.sidecar.errors;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one writer of the sidecar's own error responses: the proxy's, the router's, the static file
 * handler's, the log server's and the debugger's. Stateless; one instance serves every request.
 *
 * <p>Every answer has the same shape: the status, a {@link #ERROR_HEADER} naming the cause, {@code
 * Retry-After} when the error asks for one, and a body that is either the dev error page or one
 * line, {@code <status> <reason>}. The headers are the error's own: whatever else was put on the
 * response before is dropped (it described a response that is not sent), except {@code Connection},
 * which decides the connection's fate. A responder that chose headers for its error (Allow,
 * WWW-Authenticate, Date, Content-Range) passes them with {@link SidecarError#withHeaders}.
 */
public final class ErrorResponder {
  /** The header that marks a response as the sidecar's own. */
  public static final String ERROR_HEADER = "webgarden-error";

  private static final String HTML = "text/html; charset=utf-8";

  /**
   * Everything an error response may say.
   *
   * @param headers further headers of the answer, e.g. {@code Allow} for a 405
   */
  public record SidecarError(
      int status,
      String cause,
      String summary,
      List<String> output,
      Map<String, String> settings,
      int retryAfterSeconds,
      Map<String, String> headers) {
    public static SidecarError of(int status, String cause, String summary) {
      return new SidecarError(status, cause, summary, List.of(), Map.of(), 0, Map.of());
    }

    public SidecarError withOutput(List<String> lines) {
      return new SidecarError(status, cause, summary, lines, settings, retryAfterSeconds, headers);
    }

    public SidecarError withSettings(Map<String, String> relevant) {
      return new SidecarError(status, cause, summary, output, relevant, retryAfterSeconds, headers);
    }

    /** This error with {@code more} headers besides its own; a later value wins. */
    public SidecarError withHeaders(Iterable<Map.Entry<String, String>> more) {
      Map<String, String> merged = new LinkedHashMap<>(headers);
      more.forEach(header -> merged.put(header.getKey(), header.getValue()));
      return new SidecarError(
          status, cause, summary, output, settings, retryAfterSeconds, Map.copyOf(merged));
    }
  }

  /**
   * The status of a dev error page. iisnode answered its pages about failures of the application
   * with 200; that rule is kept for 500, 502 and 504. A 503 stays a 503: it tells load balancers
   * and clients to retry elsewhere or later. Rejections of the request itself (400, 413, 414, 431,
   * 501, every 4xx) keep their status, as under IIS, where http.sys or IIS refused them before
   * iisnode ran: a client must learn that retrying the same request is pointless.
   */
  static int devPageStatus(int status) {
    return status == 500 || status == 502 || status == 504 ? 200 : status;
  }

  /**
   * Answers {@code request} with {@code error}: the dev error page (status 200 for application
   * failures, see {@link #devPageStatus}) when {@code devErrors}, else the bare status with a
   * one-line body (which a HEAD's answer describes without sending). If the response has already
   * started, the only honest signal left is a reset connection, so it is reset instead.
   *
   * @return completes when the answer is sent; fails when it could not be
   */
  public Future<Void> send(HttpServerRequest request, SidecarError error, boolean devErrors) {
    if (devErrors) {
      return send(request, error, devPageStatus(error.status()), HTML, DevErrorPage.render(error));
    }
    return send(
        request,
        error,
        error.status(),
        "text/plain; charset=utf-8",
        error.status() + " " + HttpStatusText.of(error.status()) + "\n");
  }

  /**
   * Answers {@code request} with {@code error} and {@code html} as the page: IIS's detailed or
   * built-in page for a site's error (httpErrors), with the error's own status.
   */
  /**
   * The plain error of a responder that already put headers on the response (Date, validators,
   * Allow, Content-Range, WWW-Authenticate): they belong to the error's answer, so they are kept.
   */
  public Future<Void> sendKeepingHeaders(
      HttpServerRequest request, int status, String cause, String summary) {
    return send(
        request,
        SidecarError.of(status, cause, summary).withHeaders(request.response().headers()),
        false);
  }

  public Future<Void> sendPage(HttpServerRequest request, SidecarError error, String html) {
    return send(request, error, error.status(), HTML, html);
  }

  private static Future<Void> send(
      HttpServerRequest request, SidecarError error, int status, String type, String body) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return Future.succeededFuture();
    }
    if (response.headWritten()) {
      response.reset();
      return Future.failedFuture("the response had begun before " + error.cause());
    }
    String connection = response.headers().get("Connection");
    response.headers().clear();
    if (connection != null) {
      response.putHeader("Connection", connection);
    }
    error.headers().forEach(response::putHeader);
    response.putHeader(ERROR_HEADER, error.cause());
    if (error.retryAfterSeconds() > 0) {
      response.putHeader("Retry-After", Integer.toString(error.retryAfterSeconds()));
    }
    return response.setStatusCode(status).putHeader("Content-Type", type).end(body);
  }
}
