package io.webgarden.operator.api;

import java.util.ArrayList;
import java.util.List;

/** Parses the sidecar's settings table rows: | `name` | type | `default` | bounds | meaning |. */
record SettingsTable(List<Row> rows) {

  record Row(String name, String type, String defaultValue, String bounds, String meaning) {
    /** Lower bound of {@code lo..hi}, or null. */
    Long min() {
      return bound(0);
    }

    Long max() {
      return bound(1);
    }

    List<String> enumValues() {
      String prefix = "one of:";
      if (!bounds.startsWith(prefix)) {
        return List.of();
      }
      return List.of(bounds.substring(prefix.length()).trim().split("\\s*,\\s*"));
    }

    private Long bound(int index) {
      if (!bounds.contains("..")) {
        return null;
      }
      String[] parts = bounds.split("\\.\\.", -1);
      return parts[index].isBlank() ? null : Long.parseLong(parts[index].trim());
    }
  }

  static SettingsTable parse(String markdown) {
    List<Row> rows = new ArrayList<>();
    for (String line : markdown.split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|", -1);
      if (cells.length < 6) {
        continue;
      }
      rows.add(
          new Row(
              unquote(cells[1]),
              cells[2].trim(),
              unquote(cells[3]),
              cells[4].trim(),
              cells[5].trim()));
    }
    return new SettingsTable(rows);
  }

  private static String unquote(String cell) {
    String text = cell.trim();
    return text.startsWith("`") && text.endsWith("`") && text.length() >= 2
        ? text.substring(1, text.length() - 1)
        : text;
  }
}
