package io.webgarden.sidecar.errors;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;

/** Writes the sidecar's own error responses. Stateless; one instance serves every request. */
public final class ErrorResponder {
  /** The header that marks a response as the sidecar's own. */
  public static final String ERROR_HEADER = "webgarden-error";

  /** Everything an error response may say. */
  public record SidecarError(
      int status,
      String cause,
      String summary,
      List<String> output,
      Map<String, String> settings,
      int retryAfterSeconds) {
    public static SidecarError of(int status, String cause, String summary) {
      return new SidecarError(status, cause, summary, List.of(), Map.of(), 0);
    }

    public SidecarError withOutput(List<String> lines) {
      return new SidecarError(status, cause, summary, lines, settings, retryAfterSeconds);
    }

    public SidecarError withSettings(Map<String, String> relevant) {
      return new SidecarError(status, cause, summary, output, relevant, retryAfterSeconds);
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
   * one-line body. Does nothing if the response has already started, since then the only honest
   * signal left is a reset connection.
   */
  public void send(HttpServerRequest request, SidecarError error, boolean devErrors) {
    HttpServerResponse response = request.response();
    if (response.headWritten() || response.ended() || response.closed()) {
      if (!response.ended() && !response.closed()) {
        response.reset();
      }
      return;
    }
    String connection = response.headers().get("Connection");
    response.headers().clear();
    if (connection != null) {
      response.putHeader("Connection", connection);
    }
    response.putHeader(ERROR_HEADER, error.cause());
    if (error.retryAfterSeconds() > 0) {
      response.putHeader("Retry-After", Integer.toString(error.retryAfterSeconds()));
    }
    if (devErrors) {
      response
          .setStatusCode(devPageStatus(error.status()))
          .putHeader("Content-Type", "text/html; charset=utf-8")
          .end(DevErrorPage.render(error));
    } else {
      response
          .setStatusCode(error.status())
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(error.status() + " " + HttpStatusText.of(error.status()) + "\n");
    }
  }
}
