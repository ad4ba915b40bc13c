package io.webgarden.sidecar.config;

import java.util.Locale;

/** Turns a setting's text into its typed value, or says precisely what is wrong with it. */
final class SettingValues {
  private SettingValues() {}

  static Object parseDefault(Setting setting) {
    try {
      return parse(setting, setting.defaultValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("bad default for " + setting.key(), e);
    }
  }

  /**
   * @throws IllegalArgumentException with a message fit for a user, naming the fix
   */
  static Object parse(Setting setting, String text) {
    String value = text.strip();
    return switch (setting.type()) {
      case BOOL -> parseBool(setting, value);
      case INT -> parseInt(setting, value);
      case STRING -> checkSyntax(setting, text);
      case ENUM -> parseEnum(setting, value);
    };
  }

  /** Settings whose strings have a grammar are checked here, so mistakes surface at load. */
  private static String checkSyntax(Setting setting, String text) {
    switch (setting) {
      case WATCHED_FILES -> WatchedFiles.parse(text);
      case RECYCLE_AT_TIMES -> RecycleTimes.parse(text);
      case DEBUGGER_PORT_RANGE -> PortRange.parse(text);
      default -> {
        // free text
      }
    }
    return text;
  }

  private static Boolean parseBool(Setting setting, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw new IllegalArgumentException(
              setting.key() + " must be true or false, not `" + value + "`");
    };
  }

  private static Integer parseInt(Setting setting, String value) {
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          setting.key() + " must be a whole number" + range(setting) + ", not `" + value + "`");
    }
    if (setting.min().map(min -> parsed < min).orElse(false)
        || setting.max().map(max -> parsed > max).orElse(false)) {
      throw new IllegalArgumentException(
          setting.key() + " must be" + range(setting) + ", not " + parsed);
    }
    return parsed;
  }

  private static String range(Setting setting) {
    if (setting.min().isPresent() && setting.max().isPresent()) {
      return " from " + setting.min().get() + " to " + setting.max().get();
    }
    return setting.min().map(min -> " of at least " + min).orElse("");
  }

  private static String parseEnum(Setting setting, String value) {
    for (String allowed : setting.allowedValues()) {
      if (allowed.equalsIgnoreCase(value)) {
        return allowed;
      }
    }
    throw new IllegalArgumentException(
        setting.key()
            + " must be one of "
            + String.join(", ", setting.allowedValues())
            + ", not `"
            + value
            + "`");
  }
}
