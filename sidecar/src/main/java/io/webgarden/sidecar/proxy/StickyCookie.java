package io.webgarden.sidecar.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.webgarden.sidecar.host.Admission;
import io.webgarden.sidecar.host.Lease;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodeProcessStickySessions cookie: one per application (its name carries a hash of the
 * application's name, so two sticky apps in one folder do not overwrite each other's), scoped to
 * the application's folder, HttpOnly and SameSite=Lax, Secure when the client came over HTTPS.
 */
final class StickyCookie {
  private static final String PREFIX = "webgarden-sticky-";

  /** Cookie names by application name: hashing on every request showed in the profile. */
  private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

  private StickyCookie() {}

  static String name(Admission application) {
    return NAMES.computeIfAbsent(application.name(), StickyCookie::hashed);
  }

  private static String hashed(String applicationName) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(applicationName.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The pin the request carries, or null. */
  static String requested(HttpServerRequest request, Admission application) {
    if (!request.headers().contains(HttpHeaderNames.COOKIE)) {
      return null; // spares parsing the cookies and naming the application's cookie
    }
    Cookie cookie = request.getCookie(name(application));
    return cookie == null ? null : cookie.getValue();
  }

  /** Sets the cookie on the response when sticky sessions are on and the pin changed. */
  static void pin(HttpServerRequest request, Admission application, Lease lease) {
    application
        .stickyPin(lease)
        .ifPresent(
            pin -> {
              if (pin.equals(requested(request, application))) {
                return;
              }
              String name = application.name();
              Cookie cookie =
                  Cookie.cookie(name(application), pin)
                      .setPath(name.substring(0, name.lastIndexOf('/') + 1))
                      .setHttpOnly(true)
                      .setSameSite(CookieSameSite.LAX)
                      .setSecure(
                          request.isSSL()
                              || "https".equalsIgnoreCase(request.getHeader("x-forwarded-proto")));
              request.response().addCookie(cookie);
            });
  }
}
