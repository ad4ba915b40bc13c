package io.webgarden.sidecar.migrate;

import java.util.Map;

/**
 * Writes an {@link AppManifest} as YAML. The shape is fixed, so this is a small emitter rather than
 * a YAML library: keys are known identifiers, every string is double-quoted with YAML escapes,
 * numbers and booleans are plain, and spec.webConfig is a literal block scalar ({@code |}) so the
 * XML reads as written; text a block scalar cannot hold (control characters, Unicode line
 * separators) falls back to a double-quoted string.
 */
final class ManifestYaml {
  private ManifestYaml() {}

  static String render(AppManifest app) {
    StringBuilder out = new StringBuilder();
    out.append("# Converted by `webgarden-sidecar convert`: see the notes it printed on stderr.\n");
    out.append("apiVersion: webgarden.io/v1alpha1\n");
    out.append("kind: App\n");
    out.append("metadata:\n");
    out.append("  name: ").append(quoted(app.name())).append('\n');
    out.append("spec:\n");
    out.append("  entryPoint: ").append(quoted(app.entryPoint())).append('\n');
    out.append("  source:\n");
    if (app.image().isEmpty()) {
      out.append("    # TODO: replace the placeholder with an image whose /app holds the site's\n")
          .append("    # files (it needs sh and cp, e.g. FROM busybox + COPY . /app), or use\n")
          .append("    # configMap: {name: ...} or git: {repository: ..., ref: ...} instead.\n");
    }
    out.append("    image:\n");
    out.append("      ref: ")
        .append(quoted(app.image().orElse(app.placeholderImage())))
        .append('\n');
    if (!app.hosting().isEmpty()) {
      out.append("  hosting:\n");
      for (HostingValue value : app.hosting()) {
        out.append("    ")
            .append(value.setting().key())
            .append(": ")
            .append(scalar(value.value()))
            .append(" # ")
            .append(comment(value.origin()))
            .append('\n');
      }
    }
    if (!app.appSettings().isEmpty()) {
      out.append("  appSettings:\n");
      for (Map.Entry<String, String> setting : app.appSettings().entrySet()) {
        out.append("    - name: ").append(quoted(setting.getKey())).append('\n');
        out.append("      value: ").append(quoted(setting.getValue())).append('\n');
      }
    }
    app.webConfig().ifPresent(xml -> out.append("  webConfig: ").append(block(xml, "    ")));
    return out.toString();
  }

  private static String scalar(Object value) {
    return value instanceof String text ? quoted(text) : String.valueOf(value);
  }

  /** A double-quoted YAML string: JSON's escapes plus YAML's for what YAML 1.1 reads as breaks. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || c == '\u2028'
              || c == '\u2029'
              || c == '\ufeff'
              || c == '\ufffe'
              || c == '\uffff') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * A literal block scalar for a value at {@code indent}: the header ({@code |}, {@code |-} or
   * {@code |+} for the trailing line breaks, plus an indentation indicator when the text starts
   * with spaces), then each line indented. Ends with a line break.
   */
  static String block(String text, String indent) {
    if (!fitsBlock(text)) {
      return quoted(text) + "\n";
    }
    String chomping = !text.endsWith("\n") ? "-" : text.endsWith("\n\n") ? "+" : "";
    String leading = text.substring(0, text.length() - text.stripLeading().length());
    String indicator = leading.contains(" ") ? String.valueOf(indent.length() - 2) : "";
    StringBuilder out = new StringBuilder("|").append(indicator).append(chomping).append('\n');
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    for (String line : body.split("\n", -1)) {
      out.append(line.isEmpty() ? "" : indent + line).append('\n');
    }
    return out.toString();
  }

  /** Only printable characters and {@code \n} (no CR, no YAML 1.1 line breaks) in a block. */
  private static boolean fitsBlock(String text) {
    if (text.isBlank()) {
      return false; // a block of blank lines reads back as ""
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
      if (control || c == '\u2028' || c == '\u2029' || c == '\ufeff' || c >= '\ufffe') {
        return false;
      }
    }
    return true;
  }

  /** Comments end at a line break, so a file name must not carry one. */
  private static String comment(String text) {
    return text.replaceAll("[\\p{Cntrl}\u0085\u2028\u2029]", "?");
  }
}
