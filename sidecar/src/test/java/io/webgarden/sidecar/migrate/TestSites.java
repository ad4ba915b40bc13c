package io.webgarden.sidecar.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Writes site folders for conversion tests and reads manifests back with a real YAML parser. */
final class TestSites {
  private TestSites() {}

  /** Writes a file below {@code root}, creating its folders. */
  static Path write(Path root, String relative, String content) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A web.config whose system.webServer holds {@code webServer} and a top-level {@code extra}. */
  static String webConfig(String webServer, String extra) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n"
        + extra
        + "  <system.webServer>\n"
        + webServer
        + "  </system.webServer>\n</configuration>\n";
  }

  static String handler(String path) {
    return "    <handlers>\n      <add name=\"iisnode\" path=\""
        + path
        + "\" verb=\"*\" modules=\"iisnode\"/>\n    </handlers>\n";
  }

  /** SnakeYAML's safe loader: plain maps, lists, strings, integers and booleans. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String yaml) {
    return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  /** Follows a path of map keys. */
  @SuppressWarnings("unchecked")
  static <T> T at(Map<String, Object> document, String... keys) {
    Object node = document;
    for (String key : keys) {
      node = node == null ? null : ((Map<String, Object>) node).get(key);
    }
    return (T) node;
  }
}
