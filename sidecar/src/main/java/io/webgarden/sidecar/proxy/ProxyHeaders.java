package io.webgarden.sidecar.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Copies headers across the proxy, dropping hop-by-hop ones as RFC 9110 section 7.6.1 says. */
public final class ProxyHeaders {
  /**
   * Compared ignoring case, one name at a time: cheaper per header than lower-casing each name to
   * look it up in a set, which showed in the profile. AsciiString, so a name Netty decoded (an
   * AsciiString too) is compared without being turned into a String.
   */
  private static final AsciiString[] HOP_BY_HOP = {
    HttpHeaderNames.CONNECTION,
    HttpHeaderNames.KEEP_ALIVE,
    AsciiString.cached("proxy-connection"),
    HttpHeaderNames.TE,
    HttpHeaderNames.TRANSFER_ENCODING,
    HttpHeaderNames.UPGRADE,
    HttpHeaderNames.TRAILER,
    HttpHeaderNames.PROXY_AUTHENTICATE,
    HttpHeaderNames.PROXY_AUTHORIZATION
  };

  private ProxyHeaders() {}

  /** Copies {@code from} into {@code to}, keeping repeated headers, minus hop-by-hop ones. */
  static void copyEndToEnd(MultiMap from, MultiMap to) {
    // Vert.x's header maps are Netty's HttpHeaders too, so this is the one path in practice.
    if (from instanceof HttpHeaders netty) {
      copyEndToEnd(netty, to);
      return;
    }
    Set<String> listedInConnection = connectionTokens(from.getAll(HttpHeaderNames.CONNECTION));
    for (Map.Entry<String, String> header : from) {
      if (endToEnd(header.getKey(), listedInConnection)) {
        to.add(header.getKey(), header.getValue());
      }
    }
  }

  /**
   * The same for headers as Netty holds them: names and values pass as the CharSequences they are,
   * with no String made per header (every request and response goes through here).
   */
  static void copyEndToEnd(HttpHeaders from, MultiMap to) {
    Set<String> listedInConnection =
        connectionTokens(from.valueCharSequenceIterator(HttpHeaderNames.CONNECTION));
    Iterator<Map.Entry<CharSequence, CharSequence>> headers = from.iteratorCharSequence();
    while (headers.hasNext()) {
      Map.Entry<CharSequence, CharSequence> header = headers.next();
      if (endToEnd(header.getKey(), listedInConnection)) {
        to.add(header.getKey(), header.getValue());
      }
    }
  }

  private static boolean endToEnd(CharSequence name, Set<String> listedInConnection) {
    return !hopByHop(name)
        && (listedInConnection.isEmpty()
            || !listedInConnection.contains(name.toString().toLowerCase(Locale.ROOT)));
  }

  private static boolean hopByHop(CharSequence name) {
    for (AsciiString hop : HOP_BY_HOP) {
      if (hop.contentEqualsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> connectionTokens(List<String> connectionValues) {
    return connectionTokens(connectionValues.iterator());
  }

  /**
   * The header names a Connection header lists, lower-cased, without close and keep-alive. The
   * usual values are exactly one of those two: answered without splitting or allocating.
   */
  private static Set<String> connectionTokens(Iterator<? extends CharSequence> connectionValues) {
    Set<String> tokens = null;
    while (connectionValues.hasNext()) {
      CharSequence value = connectionValues.next();
      if (HttpHeaderValues.KEEP_ALIVE.contentEqualsIgnoreCase(value)
          || HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(value)) {
        continue;
      }
      for (String token : value.toString().split(",")) {
        String trimmed = token.strip().toLowerCase(Locale.ROOT);
        if (!trimmed.isEmpty() && !trimmed.equals("close") && !trimmed.equals("keep-alive")) {
          if (tokens == null) {
            tokens = new HashSet<>();
          }
          tokens.add(trimmed);
        }
      }
    }
    return tokens == null ? Set.of() : tokens;
  }

  /**
   * True when the Connection header lists {@code close} among other tokens. Vert.x's server closes
   * only on a Connection value that is exactly "close", so {@code close, X-Custom} needs our help.
   */
  public static boolean asksToClose(MultiMap headers) {
    // Asked of every request, and most carry no Connection header: no list for those.
    if (!headers.contains(HttpHeaderNames.CONNECTION)) {
      return false;
    }
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
    if (headers instanceof HttpHeaders netty) {
      Iterator<Map.Entry<CharSequence, CharSequence>> all = netty.iteratorCharSequence();
      while (all.hasNext()) {
        Map.Entry<CharSequence, CharSequence> header = all.next();
        size += header.getKey().length() + header.getValue().length() + 4;
      }
      return size;
    }
    for (Map.Entry<String, String> header : headers) {
      size += header.getKey().length() + header.getValue().length() + 4;
    }
    return size;
  }
}
