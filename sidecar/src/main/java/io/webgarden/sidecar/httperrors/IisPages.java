package io.webgarden.sidecar.httperrors;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.webgarden.sidecar.errors.Html;

/** The two pages IIS writes itself: the detailed error page and its built-in custom pages. */
final class IisPages {
  private IisPages() {}

  /** IIS's detailed page: code with substatus, what happened, what matched. */
  static String detailed(SiteError error, String url) {
    String title =
        "HTTP Error "
            + error.code()
            + " - "
            + HttpResponseStatus.valueOf(error.status()).reasonPhrase();
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
        + Html.escape(title)
        + "</title>\n<style>body{font-family:sans-serif;margin:2em}"
        + "td{padding-right:1em}</style></head><body>\n<h1>"
        + Html.escape(title)
        + "</h1>\n<h2>"
        + Html.escape(error.description())
        + "</h2>\n<table>\n<tr><td>Requested URL</td><td><code>"
        + Html.escape(url)
        + "</code></td></tr>\n<tr><td>Detail</td><td>"
        + Html.escape(error.detail())
        + "</td></tr>\n<tr><td>webgarden-error</td><td><code>"
        + Html.escape(error.cause())
        + "</code></td></tr>\n</table>\n<p>This detailed page is"
        + " shown because httpErrors errorMode is Detailed, or DetailedLocalOnly (the default)"
        + " and the request came from this machine.</p>\n</body></html>\n";
  }

  /** IIS's built-in custom error page (its custerr folder) for a status. */
  static String builtIn(int status) {
    String heading =
        switch (status) {
          case 401 -> "401 - Unauthorized: Access is denied due to invalid credentials.";
          case 403 -> "403 - Forbidden: Access is denied.";
          case 404 -> "404 - File or directory not found.";
          case 405 -> "405 - HTTP verb used to access this page is not allowed.";
          case 406 -> "406 - Client browser does not accept the MIME type of the requested page.";
          case 412 ->
              "412 - Precondition set by the client failed when evaluated on the Web server.";
          case 500 -> "500 - Internal server error.";
          case 501 -> "501 - Header values specify a method that is not implemented.";
          case 502 ->
              "502 - Web server received an invalid response while acting as a gateway or"
                  + " proxy server.";
          default -> status + " - " + HttpResponseStatus.valueOf(status).reasonPhrase() + ".";
        };
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
        + Html.escape(heading)
        + "</title></head><body>\n<h2>"
        + Html.escape(heading)
        + "</h2>\n</body></html>\n";
  }
}
