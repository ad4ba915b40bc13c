package io.webgarden.sidecar.logs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Settings and collaborators for this package's tests. */
final class LogFixtures {
  static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final long START = 1_700_000_000_000L;
  static final String APP = "/hello/hello.js";
  static final String HOST = "web-7d9f";

  private LogFixtures() {}

  static LogSettings settings(Path root) {
    return quotas(root, 128 * 1024, 1024 * 1024, 20);
  }

  static LogSettings quotas(Path root, long fileBytes, long totalBytes, int files) {
    return new LogSettings(
        true, "iisnode", fileBytes, totalBytes, files, "", root, LogFormat.TEXT, true);
  }

  static LogSettings disabled(Path root) {
    return new LogSettings(false, "iisnode", 1024, 1024, 1, "", root, LogFormat.TEXT, true);
  }

  static LogSettings withToken(LogSettings s, String token) {
    return new LogSettings(
        s.enabled(),
        s.directory(),
        s.maxFileBytes(),
        s.maxTotalBytes(),
        s.maxFiles(),
        token,
        s.root(),
        s.format(),
        s.accessLogEnabled());
  }

  /** A mirror whose output the test can read. */
  static final class Console {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final ConsoleMirror text =
        new ConsoleMirror(new PrintStream(bytes, true), LogFormat.TEXT, CLOCK);
    final ConsoleMirror json =
        new ConsoleMirror(new PrintStream(bytes, true), LogFormat.JSON, CLOCK);

    String output() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
