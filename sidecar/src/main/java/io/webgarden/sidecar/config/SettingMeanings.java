package io.webgarden.sidecar.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The prose of the settings table, kept in {@code setting-meanings.properties} beside this class so
 * that {@link Setting} reads as a table of names, types, defaults and bounds.
 *
 * <p>Loaded once, on first use; a constant without a meaning or a meaning without a constant is a
 * build mistake, so it fails loudly (and every test that prints the docs trips over it).
 */
final class SettingMeanings {
  private static final String RESOURCE = "setting-meanings.properties";

  static final Map<Setting, String> ALL = load();

  private SettingMeanings() {}

  private static Map<Setting, String> load() {
    Properties lines = new Properties();
    try (InputStream in = SettingMeanings.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the sidecar's classpath");
      }
      lines.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    Map<Setting, String> meanings = new EnumMap<>(Setting.class);
    Set<String> missing = new TreeSet<>();
    for (Setting setting : Setting.values()) {
      String meaning = (String) lines.remove(setting.key());
      if (meaning == null || meaning.isBlank()) {
        missing.add(setting.key());
      } else {
        meanings.put(setting, meaning);
      }
    }
    if (!missing.isEmpty() || !lines.isEmpty()) {
      throw new IllegalStateException(
          RESOURCE
              + ": settings without a meaning "
              + missing
              + ", meanings of no setting "
              + new TreeSet<>(lines.stringPropertyNames()));
    }
    return Map.copyOf(meanings);
  }
}
