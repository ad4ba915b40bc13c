package io.webgarden.e2e.node;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a {@link LoadClient} run counted: answers by their first word, failures by kind, and a few
 * timestamped failure samples.
 */
record LoadTotals(
    long ok,
    long millis,
    Map<String, Long> answers,
    Map<String, Long> failures,
    List<String> samples) {

  static LoadTotals read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("no load results in " + file, e);
    }
    Map<String, Long> answers = new TreeMap<>();
    Map<String, Long> failures = new TreeMap<>();
    Map<Integer, String> samples = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("answer.")) {
        answers.put(key.substring(7), Long.parseLong(p.getProperty(key)));
      } else if (key.startsWith("failure.")) {
        failures.put(key.substring(8), Long.parseLong(p.getProperty(key)));
      } else if (key.startsWith("sample.")) {
        samples.put(Integer.parseInt(key.substring(7)), p.getProperty(key));
      }
    }
    return new LoadTotals(
        Long.parseLong(p.getProperty("ok")),
        Long.parseLong(p.getProperty("millis")),
        answers,
        failures,
        List.copyOf(samples.values()));
  }

  long failed() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  long total() {
    return ok + failed();
  }

  /** One line for the test log and docs/operator.md. */
  String describe() {
    return String.format(
        "%d requests in %.1f s (%.0f/s), %d failed; answers %s%s",
        total(),
        millis / 1000.0,
        total() * 1000.0 / Math.max(1, millis),
        failed(),
        answers,
        failures.isEmpty() ? "" : "; failures " + failures + "; first: " + samples);
  }
}
