package io.webgarden.sidecar.logs;

import java.util.Locale;

/** How lines written to the sidecar's stdout look: the {@code logFormat} setting. */
public enum LogFormat {
  /** {@code [/hello/hello.js pid=123 stdout] text}: for people reading {@code kubectl logs}. */
  TEXT,
  /** One JSON object per line: for log pipelines (Loki, Elasticsearch, Cloud Logging). */
  JSON;

  /** The setting's value, {@code text} or {@code json}; anything else is refused. */
  public static LogFormat of(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new IllegalArgumentException("logFormat must be text or json: " + value);
    };
  }
}
