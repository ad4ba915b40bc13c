package io.webgarden.sidecar.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Copies headers across the proxy, dropping hop-by-hop ones as RFC 9110 section 7.6.1 says. */
public final class ProxyHeaders {
  /**
   * Compared ignoring case, one name at a time: cheaper per header than lower-casing each name to
   * look it up in a set, which showed in the profile.
   */
  private static final String[] HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "transfer-encoding",
    "upgrade",
    "trailer",
    "proxy-authenticate",
    "proxy-authorization"
  };

  private ProxyHeaders() {}

  /** Copies {@code from} into {@code to}, keeping repeated headers, minus hop-by-hop ones. */
  static void copyEndToEnd(MultiMap from, MultiMap to) {
    copyEndToEnd(from, connectionTokens(from.getAll(HttpHeaderNames.CONNECTION)), to);
  }

  /** The same for a response's headers as Netty decoded them. */
  static void copyEndToEnd(HttpHeaders from, MultiMap to) {
    copyEndToEnd(from, connectionTokens(from.getAll(HttpHeaderNames.CONNECTION)), to);
  }

  private static void copyEndToEnd(
      Iterable<Map.Entry<String, String>> from, Set<String> listedInConnection, MultiMap to) {
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (!hopByHop(name)
          && (listedInConnection.isEmpty()
              || !listedInConnection.contains(name.toLowerCase(Locale.ROOT)))) {
        to.add(name, header.getValue());
      }
    }
  }

  private static boolean hopByHop(String name) {
    for (String hop : HOP_BY_HOP) {
      if (hop.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
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
    for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
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
    String upgrade = headers.get(HttpHeaderNames.UPGRADE);
    return upgrade != null
        && !upgrade.equalsIgnoreCase("h2c")
        && connectionTokens(headers.getAll(HttpHeaderNames.CONNECTION)).contains("upgrade");
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
