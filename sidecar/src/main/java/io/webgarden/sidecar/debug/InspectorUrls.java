package io.webgarden.sidecar.debug;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the inspector's own addresses ({@code 127.0.0.1:<port>/<id>}) in its JSON answers into
 * the sidecar's ({@code <host>/<script>/debug/ws/<id>}), so a remote client connects through the
 * sidecar instead of to a loopback port it cannot reach.
 */
final class InspectorUrls {
  private InspectorUrls() {}

  /**
   * @param linkQuery appended to each address, e.g. {@code ?token=…}, or empty
   */
  static String rewrite(String json, int port, String host, String base, String linkQuery) {
    Pattern own = Pattern.compile("(?:127\\.0\\.0\\.1|localhost):" + port + "/([0-9A-Za-z-]*)");
    return own.matcher(json)
        .replaceAll(
            match -> Matcher.quoteReplacement(host + base + "ws/" + match.group(1) + linkQuery));
  }
}
