package io.webgarden.sidecar.logs;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.webgarden.sidecar.config.AccessToken;
import java.util.Optional;

/**
 * Decides whether a request may read logs under {@code logAccessToken}: it must carry the token as
 * {@code Authorization: Bearer <token>} or as {@code ?token=<token>} ({@link AccessToken}).
 */
final class LogAccess {
  private LogAccess() {}

  /**
   * Empty when the request is refused; else the query its index links must carry: {@code ?token=…}
   * when the token came in the query (a browser following links sends no header), else empty.
   */
  static Optional<String> linkQuery(HttpServerRequest request, String token) {
    if (token.isEmpty()) {
      return Optional.of("");
    }
    return new AccessToken(token)
        .linkQuery(queryToken(request), request.getHeader(HttpHeaders.AUTHORIZATION));
  }

  /** Whether the request carried any token at all, for telling a guess from a plain visit. */
  static boolean presented(HttpServerRequest request) {
    return request.getHeader(HttpHeaders.AUTHORIZATION) != null || queryToken(request) != null;
  }

  private static String queryToken(HttpServerRequest request) {
    try {
      return request.getParam(AccessToken.QUERY_PARAMETER);
    } catch (RuntimeException e) {
      return null; // a malformed query string carries no usable token
    }
  }
}
