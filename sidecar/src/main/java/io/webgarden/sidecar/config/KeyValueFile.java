package io.webgarden.sidecar.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads iisnode.yml's format, which is also the format of the {@code --settings} file: one {@code
 * key: value} per line, {@code #} comments and blank lines. It is deliberately not full YAML:
 * iisnode accepted only this subset, and a line it cannot read must be an error, not a surprise.
 */
public final class KeyValueFile {
  private KeyValueFile() {}

  public static List<RawSetting> read(Path file) throws ConfigException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new ConfigException(file, 0, "cannot read the file (" + e.getMessage() + ")");
    }
  }

  public static List<RawSetting> parse(String text, String source) throws ConfigException {
    List<RawSetting> settings = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#") || line.equals("---")) {
        continue;
      }
      int colon = line.indexOf(':');
      String key = colon < 0 ? "" : line.substring(0, colon).strip();
      if (key.isEmpty()) {
        throw new ConfigException(
            source,
            i + 1,
            "expected `key: value` but found `"
                + line
                + "`; write one setting per line, e.g."
                + " `nodeProcessCountPerApplication: 2`, or start the line with # to comment it");
      }
      settings.add(
          new RawSetting(
              key, unquote(stripComment(line.substring(colon + 1).strip())), source, i + 1));
    }
    return settings;
  }

  /** A {@code #} preceded by whitespace starts a comment, as in YAML; {@code a#b} stays a value. */
  private static String stripComment(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == '#' && (i == 0 || Character.isWhitespace(value.charAt(i - 1)))) {
        return value.substring(0, i).strip();
      }
    }
    return value;
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }
}
