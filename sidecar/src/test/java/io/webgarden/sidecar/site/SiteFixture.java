package io.webgarden.sidecar.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A site folder built file by file in a temporary directory, and a resolver over it. */
final class SiteFixture {
  private final Path root;
  private final SiteResolver resolver;

  SiteFixture(Path root) {
    this.root = root;
    this.resolver = new SiteResolver(root);
  }

  Path root() {
    return root;
  }

  SiteResolver resolver() {
    return resolver;
  }

  /** Writes a file (creating folders) and returns its path. */
  Path file(String relative, String content) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Writes a web.config whose system.webServer element holds {@code webServer}. */
  Path webConfig(String folder, String webServer) {
    return file(
        (folder.isEmpty() ? "" : folder + "/") + "web.config",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n<system.webServer>\n"
            + webServer
            + "\n</system.webServer>\n</configuration>\n");
  }

  Path folder(String relative) {
    try {
      return Files.createDirectories(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Resolution get(String uri) {
    return resolver.resolve(RequestFacts.of("GET", uri));
  }

  Resolution request(String method, String uri) {
    return resolver.resolve(RequestFacts.of(method, uri));
  }

  /** A GET with headers (names as sent) on the given scheme and port. */
  Resolution get(String uri, Map<String, String> headers, boolean https, int port) {
    return resolver.resolve(
        new RequestFacts(
            "GET",
            uri,
            null,
            name -> headerIgnoringCase(headers, name),
            https,
            headers.getOrDefault("Host", "example.org"),
            port,
            "10.0.0.7"));
  }

  private static String headerIgnoringCase(Map<String, String> headers, String name) {
    return headers.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The status of a refusal, or 0 for any other resolution (so a wrong kind fails the test). */
  static int refusedStatus(Resolution resolution) {
    return resolution instanceof Resolution.Refused refused ? refused.status() : 0;
  }

  static String iisnodeHandler(String path) {
    return "<handlers><add name=\"iisnode-"
        + path
        + "\" path=\""
        + path
        + "\" verb=\"*\" modules=\"iisnode\"/></handlers>";
  }
}
