package io.webgarden.sidecar.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * A secret a request may present as {@code Authorization: Bearer <token>} or {@code ?token=<token>}
 * (logAccessToken, debuggerAccessToken).
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken
 * says nothing about how much of a guess was right, nor about the token's length.
 */
public final class AccessToken {
  private static final String BEARER = "bearer ";
  public static final String QUERY_PARAMETER = "token";

  private final String token;
  private final byte[] digest;

  /**
   * @param token non-empty
   */
  public AccessToken(String token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("an access token must not be empty");
    }
    this.token = token;
    this.digest = sha256(token);
  }

  /**
   * Empty when the request carries no matching token; else the query the links of its answer must
   * carry to keep the access: {@code ?token=…} when the token came in the query (a browser
   * following links sends no header), else empty.
   *
   * @param queryToken the {@code token} query parameter, or null
   * @param authorization the {@code Authorization} header, or null
   */
  public Optional<String> linkQuery(String queryToken, String authorization) {
    if (queryToken != null && matches(queryToken)) {
      return Optional.of(
          "?" + QUERY_PARAMETER + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
    if (authorization != null
        && authorization.length() > BEARER.length()
        && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
        && matches(authorization.substring(BEARER.length()).trim())) {
      return Optional.of("");
    }
    return Optional.empty();
  }

  private boolean matches(String candidate) {
    return MessageDigest.isEqual(sha256(candidate), digest);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
