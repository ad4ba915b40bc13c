package io.webgarden.sidecar.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Copies headers across the proxy, dropping hop-by-hop ones as RFC 9110 section 7.6.1 says. */
public final class ProxyHeaders {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "transfer-encoding",
          "upgrade",
          "trailer",
          "proxy-authenticate",
          "proxy-authorization");

  private ProxyHeaders() {}

  /** Copies {@code from} into {@code to}, keeping repeated headers, minus hop-by-hop ones. */
  static void copyEndToEnd(MultiMap from, MultiMap to) {
    copyEndToEnd(from, connectionTokens(from.getAll("connection")), to);
  }

  /** The same for a response's headers as Netty decoded them. */
  static void copyEndToEnd(HttpHeaders from, MultiMap to) {
    copyEndToEnd(from, connectionTokens(from.getAll("connection")), to);
  }

  private static void copyEndToEnd(
      Iterable<Map.Entry<String, String>> from, Set<String> listedInConnection, MultiMap to) {
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !listedInConnection.contains(name)) {
        to.add(header.getKey(), header.getValue());
      }
    }
  }

  private static Set<String> connectionTokens(List<String> connectionValues) {
    if (connectionValues.isEmpty()) {
      return Set.of();
    }
    Set<String> tokens = new HashSet<>();
    for (String value : connectionValues) {
      for (String token : value.split(",")) {
        String trimmed = token.strip().toLowerCase(Locale.ROOT);
        if (!trimmed.isEmpty() && !trimmed.equals("close") && !trimmed.equals("keep-alive")) {
          tokens.add(trimmed);
        }
      }
    }
    return tokens;
  }

  /**
   * True when the Connection header lists {@code close} among other tokens. Vert.x's server closes
   * only on a Connection value that is exactly "close", so {@code close, X-Custom} needs our help.
   */
  public static boolean asksToClose(MultiMap headers) {
    for (String value : headers.getAll("connection")) {
      for (String token : value.split(",")) {
        if (token.strip().equalsIgnoreCase("close")) {
          return true;
        }
      }
    }
    return false;
  }

  /** A protocol switch to tunnel (WebSocket); an h2c upgrade offer is just dropped. */
  public static boolean isUpgrade(MultiMap headers) {
    String upgrade = headers.get("upgrade");
    return upgrade != null
        && !upgrade.equalsIgnoreCase("h2c")
        && connectionTokens(headers.getAll("connection")).contains("upgrade");
  }

  /** Size of a header block as it travels on the wire, for the maxRequestBufferSize limit. */
  static int blockSize(MultiMap headers) {
    int size = 0;
    for (Map.Entry<String, String> header : headers) {
      size += header.getKey().length() + header.getValue().length() + 4;
    }
    return size;
  }
}
