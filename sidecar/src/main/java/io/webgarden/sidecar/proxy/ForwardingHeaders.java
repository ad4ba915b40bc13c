package io.webgarden.sidecar.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The headers a request reaches node with: its end-to-end ones, and those iisnode added for the
 * app: X-Forwarded-For/Proto (enableXFF) and {@code x-iisnode-<name>} for each promoted IIS server
 * variable (promoteServerVars).
 */
final class ForwardingHeaders {
  // AsciiString names keep their hash: header lookups with String names showed in the profile.
  private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
  private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");

  private ForwardingHeaders() {}

  /** The headers node gets for {@code request}, under the application's settings. */
  static MultiMap forNode(HttpServerRequest request, Settings settings) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    ProxyHeaders.copyEndToEnd(request.headers(), headers);
    // The sidecar answered "100 Continue" itself (handle100ContinueAutomatically); node must not
    // wait for a body it would ask for again.
    headers.remove(HttpHeaderNames.EXPECT);
    if (settings.bool(Setting.ENABLE_XFF)) {
      addForwardedFor(request, headers);
    }
    String promoted = settings.string(Setting.PROMOTE_SERVER_VARS);
    if (!promoted.isBlank()) {
      promote(
          request,
          Arrays.stream(promoted.split(","))
              .map(String::strip)
              .filter(name -> !name.isEmpty())
              .toList(),
          headers);
    }
    return headers;
  }

  static void addForwardedFor(HttpServerRequest request, MultiMap headers) {
    String client = hostOf(request.remoteAddress());
    List<String> existing = headers.getAll(X_FORWARDED_FOR);
    if (existing.isEmpty()) {
      headers.set("X-Forwarded-For", client);
    } else {
      String joined = String.join(", ", existing);
      String[] hops = joined.split(",");
      if (!hops[hops.length - 1].strip().equals(client)) {
        joined = joined + ", " + client;
      }
      headers.set("X-Forwarded-For", joined);
    }
    if (!headers.contains(X_FORWARDED_PROTO)) {
      headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
    }
  }

  static void promote(HttpServerRequest request, List<String> variables, MultiMap headers) {
    for (String variable : variables) {
      String value = serverVariable(request, variable);
      if (value != null) {
        headers.set("x-iisnode-" + variable, value);
      }
    }
  }

  /** The value IIS gives a server variable for this request; null for unknown ones. */
  static String serverVariable(HttpServerRequest request, String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    String host = request.headers().get("host");
    return switch (upper) {
      case "REQUEST_METHOD" -> request.method().name();
      case "REMOTE_ADDR", "REMOTE_HOST" -> hostOf(request.remoteAddress());
      case "REMOTE_PORT" -> Integer.toString(request.remoteAddress().port());
      case "LOCAL_ADDR" -> hostOf(request.localAddress());
      case "SERVER_NAME" -> host == null ? hostOf(request.localAddress()) : stripPort(host);
      case "SERVER_PORT" -> Integer.toString(request.localAddress().port());
      case "SERVER_PROTOCOL" -> request.version() == HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
      case "HTTPS" -> request.isSSL() ? "on" : "off";
      case "URL" -> request.path();
      case "QUERY_STRING" -> request.query() == null ? "" : request.query();
      case "REQUEST_URI", "HTTP_URL", "UNENCODED_URL" -> request.uri();
      case "AUTH_TYPE" -> authScheme(request);
      case "AUTH_USER", "LOGON_USER", "REMOTE_USER" -> basicUser(request);
      default ->
          upper.startsWith("HTTP_")
              ? request.headers().get(upper.substring(5).replace('_', '-'))
              : null;
    };
  }

  private static String hostOf(SocketAddress address) {
    return address == null ? "" : address.hostAddress();
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  private static String authScheme(HttpServerRequest request) {
    String authorization = request.headers().get("authorization");
    if (authorization == null || authorization.isBlank()) {
      return "";
    }
    return authorization.strip().split("\\s+", 2)[0];
  }

  /** IIS fills AUTH_USER only for an authenticated user: here, the user of Basic credentials. */
  private static String basicUser(HttpServerRequest request) {
    String authorization = request.headers().get("authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return "";
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
