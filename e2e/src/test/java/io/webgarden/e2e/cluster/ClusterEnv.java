package io.webgarden.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code cluster.env}, the KEY=value facts {@code up} writes into its state folder. */
final class ClusterEnv {
  private ClusterEnv() {}

  static Map<String, String> read(Path stateDir) {
    Path file = stateDir.resolve("cluster.env");
    try {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + " (written by e2e/cluster/up)", e);
    }
  }
}
