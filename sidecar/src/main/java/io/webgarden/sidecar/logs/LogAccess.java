package io.webgarden.sidecar.logs;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a request may read logs under {@code logAccessToken}: it must carry the token as
 * {@code Authorization: Bearer <token>} or as {@code ?token=<token>}.
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken
 * says nothing about how much of a guess was right, nor about the token's length.
 */
final class LogAccess {
  private static final String BEARER = "bearer ";
  private static final String TOKEN_PARAM = "token";

  private LogAccess() {}

  /**
   * Empty when the request is refused; else the query its index links must carry: {@code ?token=…}
   * when the token came in the query (a browser following links sends no header), else empty.
   */
  static Optional<String> linkQuery(HttpServerRequest request, String token) {
    if (token.isEmpty()) {
      return Optional.of("");
    }
    byte[] expected = LogPlacement.sha256(token);
    String query = queryToken(request);
    if (query != null && matches(query, expected)) {
      return Optional.of(
          "?" + TOKEN_PARAM + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null
        && header.length() > BEARER.length()
        && header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
        && matches(header.substring(BEARER.length()).trim(), expected)) {
      return Optional.of("");
    }
    return Optional.empty();
  }

  /** Whether the request carried any token at all, for telling a guess from a plain visit. */
  static boolean presented(HttpServerRequest request) {
    return request.getHeader(HttpHeaders.AUTHORIZATION) != null || queryToken(request) != null;
  }

  private static String queryToken(HttpServerRequest request) {
    try {
      return request.getParam(TOKEN_PARAM);
    } catch (RuntimeException e) {
      return null; // a malformed query string carries no usable token
    }
  }

  private static boolean matches(String candidate, byte[] expected) {
    return MessageDigest.isEqual(LogPlacement.sha256(candidate), expected);
  }
}
