package io.webgarden.sidecar.debug;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.errors.Html;

/** The page that tells a user how to attach to the debug process. */
final class DebugPage {
  private DebugPage() {}

  /**
   * @param target the inspector's first target as {@code /json/list} reports it, already rewritten
   *     to the sidecar's URLs; null if the inspector listed none
   * @param base the debugger URL, e.g. {@code http://host/app.js/debug/}
   * @param linkQuery what links carry to keep a {@code ?token=} access, or empty
   */
  static String render(
      String application, long pid, boolean brk, JsonObject target, String base, String linkQuery) {
    String kill = base + (linkQuery.isEmpty() ? "?kill" : linkQuery + "&kill");
    String ws = target == null ? "" : target.getString("webSocketDebuggerUrl", "");
    String devtools = target == null ? "" : target.getString("devtoolsFrontendUrl", "");
    StringBuilder html = new StringBuilder(2048);
    html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Debugging ")
        .append(Html.escape(application))
        .append(" - webgarden</title>\n<style>body{font-family:")
        .append("sans-serif;margin:2em}code,pre{background:#f4f4f4;padding:.2em}</style>")
        .append("</head><body>\n<h1>Debugging ")
        .append(Html.escape(application))
        .append("</h1>\n")
        .append("<p>The application now runs as one process (pid ")
        .append(pid)
        .append(") under the Node inspector")
        .append(brk ? ", stopped before its first line until a debugger continues it" : "")
        .append(". Requests to the application keep going to it.</p>\n")
        .append("<h2>Attach with Chrome DevTools</h2>\n<p>Open this URL in Chrome or Edge: <code>")
        .append(Html.escape(devtools))
        .append("</code></p>\n")
        .append(
            "<p>Or open <code>chrome://inspect</code>: the target appears there when the"
                + " sidecar's host is reachable as <code>localhost</code> (e.g. through <code>kubectl"
                + " port-forward</code>); otherwise use the URL above.</p>\n")
        .append(
            "<h2>Attach with VS Code</h2>\n<pre>{\n  \"type\": \"node\",\n"
                + "  \"request\": \"attach\",\n  \"name\": \"webgarden\",\n"
                + "  \"websocketAddress\": \"")
        .append(Html.escape(ws))
        .append("\"\n}</pre>\n")
        .append("<p>Inspector endpoints: <a href=\"json/list")
        .append(Html.escape(linkQuery))
        .append("\">json/list</a>, <a href=\"json/version")
        .append(Html.escape(linkQuery))
        .append("\">json/version</a>.</p>\n")
        .append("<p>End the session and restore the normal processes: <a href=\"")
        .append(Html.escape(kill))
        .append("\">")
        .append(Html.escape(kill))
        .append("</a></p>\n</body></html>\n");
    return html.toString();
  }

  static JsonObject firstTarget(JsonArray targets) {
    return targets == null || targets.isEmpty() ? null : targets.getJsonObject(0);
  }
}
