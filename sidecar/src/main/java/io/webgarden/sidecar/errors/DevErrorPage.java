package io.webgarden.sidecar.errors;

import java.util.Map;

/** The HTML dev error page: status, cause in one sentence, the process's output, settings. */
final class DevErrorPage {
  private DevErrorPage() {}

  static String render(ErrorResponder.SidecarError error) {
    StringBuilder html = new StringBuilder(1024);
    html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(error.status())
        .append(' ')
        .append(Html.escape(HttpStatusText.of(error.status())))
        .append(" - webgarden</title>\n<style>body{font-family:sans-serif;margin:2em}")
        .append("pre{background:#f4f4f4;padding:1em;overflow:auto}</style></head><body>\n")
        .append("<h1>")
        .append(error.status())
        .append(' ')
        .append(Html.escape(HttpStatusText.of(error.status())))
        .append("</h1>\n")
        .append("<p>")
        .append(Html.escape(error.summary()))
        .append("</p>\n")
        .append("<p>Cause: <code>")
        .append(Html.escape(error.cause()))
        .append("</code></p>\n");
    if (!error.output().isEmpty()) {
      html.append("<h2>Process output (last 64 KiB of stdout and stderr)</h2>\n<pre>");
      error.output().forEach(line -> html.append(Html.escape(line)).append('\n'));
      html.append("</pre>\n");
    }
    if (!error.settings().isEmpty()) {
      html.append("<h2>Settings that matter</h2>\n<table>\n");
      for (Map.Entry<String, String> entry : error.settings().entrySet()) {
        html.append("<tr><td><code>")
            .append(Html.escape(entry.getKey()))
            .append("</code></td><td>")
            .append(Html.escape(entry.getValue()))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    html.append(
            "<p>This page is shown because devErrorsEnabled is true; set it to false (the"
                + " default when node_env is production) to answer a bare status instead.</p>\n")
        .append("</body></html>\n");
    return html.toString();
  }
}
