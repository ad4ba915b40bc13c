package io.webgarden.sidecar.site;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code staticContent/clientCache}: the caching headers IIS puts on static files.
 *
 * @param mode {@code @cacheControlMode}
 * @param maxAge {@code @cacheControlMaxAge}, for {@link Mode#USE_MAX_AGE}
 * @param httpExpires {@code @httpExpires}, an HTTP date, for {@link Mode#USE_EXPIRES}
 * @param custom {@code @cacheControlCustom}, written into Cache-Control as is
 * @param setEtag {@code @setEtag}
 */
public record ClientCache(
    Mode mode, Duration maxAge, String httpExpires, String custom, boolean setEtag) {

  /** IIS's schema defaults. */
  static final ClientCache DEFAULTS =
      new ClientCache(
          Mode.NO_CONTROL, Duration.ofDays(1), "Tue, 19 Jan 2038 03:14:07 GMT", "", true);

  /** {@code @cacheControlMode}'s values. */
  public enum Mode {
    NO_CONTROL("NoControl"),
    DISABLE_CACHE("DisableCache"),
    USE_MAX_AGE("UseMaxAge"),
    USE_EXPIRES("UseExpires");

    private final String configName;

    Mode(String configName) {
      this.configName = configName;
    }

    /** The mode named as in web.config (case-insensitive), or null. */
    static Mode fromConfig(String name) {
      for (Mode mode : values()) {
        if (mode.configName.equalsIgnoreCase(name.trim())) {
          return mode;
        }
      }
      return null;
    }
  }

  /** The headers a static file's response gets: Cache-Control and/or Expires, or none. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    String cacheControl =
        switch (mode) {
          case DISABLE_CACHE -> "no-cache";
          case USE_MAX_AGE -> "max-age=" + maxAge.toSeconds();
          default -> "";
        };
    if (!custom.isBlank()) {
      cacheControl = cacheControl.isEmpty() ? custom.trim() : custom.trim() + ", " + cacheControl;
    }
    if (!cacheControl.isEmpty()) {
      headers.put("Cache-Control", cacheControl);
    }
    if (mode == Mode.USE_EXPIRES) {
      headers.put("Expires", httpExpires);
    }
    return headers;
  }

  @Override
  public String toString() {
    return "ClientCache[" + mode.name().toLowerCase(Locale.ROOT) + " " + headers() + "]";
  }
}
