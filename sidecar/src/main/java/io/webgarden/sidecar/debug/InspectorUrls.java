package io.webgarden.sidecar.debug;

/**
 * Rewrites the inspector's own addresses ({@code 127.0.0.1:<port>/<id>}) in its JSON answers into
 * the sidecar's ({@code <host>/<script>/debug/ws/<id>}), so a remote client connects through the
 * sidecar instead of to a loopback port it cannot reach.
 */
final class InspectorUrls {
  private InspectorUrls() {}

  static String rewrite(String json, int port, String host, String base) {
    return json.replace("127.0.0.1:" + port + "/", host + base + "ws/")
        .replace("localhost:" + port + "/", host + base + "ws/");
  }
}
