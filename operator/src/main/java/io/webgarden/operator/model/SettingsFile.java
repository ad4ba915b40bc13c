package io.webgarden.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.webgarden.operator.api.Hosting;
import java.util.Map;

/**
 * Renders {@code spec.hosting} as the sidecar's override file ({@code settings.yml}).
 *
 * <p>Only fields the user set are written: the file overrides the site's own web.config, so writing
 * a default would silently override the site. The syntax is iisnode.yml's: one {@code key: value}
 * per line, booleans {@code true}/{@code false}, integers as digits, strings bare.
 */
public final class SettingsFile {
  public static final String KEY = "settings.yml";
  public static final String PATH = "/etc/webgarden/" + KEY;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SettingsFile() {}

  public static String render(Hosting hosting) {
    StringBuilder out =
        new StringBuilder("# Rendered by webgarden-operator from spec.hosting; edit the App.\n");
    if (hosting == null) {
      return out.toString();
    }
    // Jackson keeps declaration order and drops nulls (Hosting is NON_NULL), i.e. unset fields.
    @SuppressWarnings("unchecked")
    Map<String, Object> set = MAPPER.convertValue(hosting, Map.class);
    set.forEach((key, value) -> out.append(key).append(": ").append(scalar(value)).append('\n'));
    return out.toString();
  }

  /** iisnode.yml has no quoting, so a value is cut at the first line break: one line per key. */
  private static String scalar(Object value) {
    String text = String.valueOf(value);
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
