package io.webgarden.sidecar.site;

import java.util.function.UnaryOperator;

/**
 * What the resolver needs to know about a request, independent of the HTTP library.
 *
 * @param method the request method, e.g. {@code GET}
 * @param rawPath the path as received, still percent-encoded; a {@code ?query} suffix is split off
 *     into {@code query} when {@code query} is null
 * @param query the raw query string without {@code ?}, empty when none
 * @param header looks up a request header by name (case-insensitively), null when absent
 * @param https whether the request came over TLS (server variable {@code HTTPS})
 * @param host the {@code Host} header value (server variable {@code HTTP_HOST})
 * @param serverPort the port the request arrived on
 * @param remoteAddress the client address (server variable {@code REMOTE_ADDR})
 */
public record RequestFacts(
    String method,
    String rawPath,
    String query,
    UnaryOperator<String> header,
    boolean https,
    String host,
    int serverPort,
    String remoteAddress) {

  public RequestFacts {
    rawPath = withoutSchemeAndAuthority(rawPath);
    if (query == null) {
      int mark = rawPath == null ? -1 : rawPath.indexOf('?');
      query = mark < 0 ? "" : rawPath.substring(mark + 1);
      rawPath = mark < 0 ? rawPath : rawPath.substring(0, mark);
    }
    if (header == null) {
      header = name -> null;
    }
    host = host == null ? "" : host;
    remoteAddress = remoteAddress == null ? "" : remoteAddress;
  }

  /** HTTP/1.1 servers must accept the absolute form ({@code GET http://host/path}) too. */
  private static String withoutSchemeAndAuthority(String target) {
    if (target == null || target.startsWith("/")) {
      return target;
    }
    int scheme = target.indexOf("://");
    if (scheme <= 0 || !target.regionMatches(true, 0, "http", 0, 4)) {
      return target;
    }
    int path = target.indexOf('/', scheme + 3);
    int query = target.indexOf('?', scheme + 3);
    if (path < 0 || (query >= 0 && query < path)) {
      return query < 0 ? "/" : "/" + target.substring(query);
    }
    return target.substring(path);
  }

  /** A plain HTTP request with no headers, handy for tools and tests. */
  public static RequestFacts of(String method, String uri) {
    return new RequestFacts(method, uri, null, null, false, "localhost", 80, "127.0.0.1");
  }
}
