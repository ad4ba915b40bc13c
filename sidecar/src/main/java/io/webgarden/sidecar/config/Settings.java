package io.webgarden.sidecar.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** An application's effective, validated settings. Immutable. */
public final class Settings {
  private final Map<Setting, Object> values;
  private final List<String> warnings;

  private Settings(EnumMap<Setting, Object> values, List<String> warnings) {
    this.values = Collections.unmodifiableMap(values);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * What was read but ignored, e.g. an iisnode.yml key that names no setting, each naming the file
   * and line: for the log and the dev error page.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Every setting at its built-in default. */
  public static Settings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.values.putAll(values);
    builder.warnings = warnings;
    return builder;
  }

  public boolean bool(Setting setting) {
    return (Boolean) values.get(checkType(setting, SettingType.BOOL));
  }

  public int integer(Setting setting) {
    return (Integer) values.get(checkType(setting, SettingType.INT));
  }

  public String string(Setting setting) {
    if (setting.type() != SettingType.STRING && setting.type() != SettingType.ENUM) {
      throw new IllegalArgumentException(setting.key() + " is not a string setting");
    }
    return (String) values.get(setting);
  }

  /** The value as text, whatever its type: for pages and logs. */
  public String text(Setting setting) {
    return String.valueOf(values.get(setting));
  }

  private static Setting checkType(Setting setting, SettingType type) {
    if (setting.type() != type) {
      throw new IllegalArgumentException(setting.key() + " is not a " + type.docName());
    }
    return setting;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Settings settings
        && settings.values.equals(values)
        && settings.warnings.equals(warnings);
  }

  @Override
  public int hashCode() {
    return values.hashCode() * 31 + warnings.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** Collects values; anything not set keeps its default. */
  public static final class Builder {
    private final EnumMap<Setting, Object> values = new EnumMap<>(Setting.class);
    private List<String> warnings = List.of();

    private Builder() {
      for (Setting setting : Setting.values()) {
        values.put(setting, SettingValues.parseDefault(setting));
      }
    }

    public Builder set(Setting setting, Object value) {
      values.put(setting, value);
      return this;
    }

    public Builder warnings(List<String> ignored) {
      warnings = List.copyOf(ignored);
      return this;
    }

    public Settings build() {
      return new Settings(values.clone(), warnings);
    }
  }
}
