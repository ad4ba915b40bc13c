package io.webgarden.sidecar.debug;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.webgarden.sidecar.config.AccessToken;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who may use the debugger, which runs any code its client sends: a client connected from loopback
 * (inside the pod, or through {@code kubectl port-forward}, which arrives as loopback), or one
 * carrying debuggerAccessToken. Only the TCP peer counts: X-Forwarded-For is the client's word.
 */
final class DebuggerAccess {
  private DebuggerAccess() {}

  /**
   * Empty when the request is refused; else the query the debugger's own URLs (links, WebSocket
   * addresses) must carry so that a client that was let in by a {@code ?token=} keeps the token.
   */
  static Optional<String> linkQuery(HttpServerRequest request, String token) {
    if (isLoopback(request.remoteAddress())) {
      return Optional.of("");
    }
    if (token.isEmpty()) {
      return Optional.empty();
    }
    return new AccessToken(token)
        .linkQuery(queryToken(request), request.getHeader(HttpHeaders.AUTHORIZATION));
  }

  /** Whether the request carried any token, for telling a wrong guess from a plain visit. */
  static boolean presented(HttpServerRequest request) {
    return request.getHeader(HttpHeaders.AUTHORIZATION) != null || queryToken(request) != null;
  }

  /** The query without its {@code token} parameter: what names the debugger command. */
  static String command(String query) {
    if (query == null) {
      return null;
    }
    String name = AccessToken.QUERY_PARAMETER;
    StringBuilder rest = new StringBuilder();
    for (String part : query.split("&")) {
      if (!part.equals(name) && !part.startsWith(name + "=")) {
        rest.append(rest.length() == 0 ? "" : "&").append(part);
      }
    }
    return rest.toString();
  }

  static boolean isLoopback(SocketAddress peer) {
    if (peer == null || peer.hostAddress() == null || peer.isDomainSocket()) {
      return false;
    }
    try {
      // A literal address: no name lookup happens.
      return InetAddress.getByName(peer.hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String queryToken(HttpServerRequest request) {
    try {
      return request.getParam(AccessToken.QUERY_PARAMETER);
    } catch (RuntimeException e) {
      return null; // a malformed query string carries no usable token
    }
  }
}
