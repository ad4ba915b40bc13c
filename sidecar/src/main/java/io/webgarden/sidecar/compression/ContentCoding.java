package io.webgarden.sidecar.compression;

import java.util.Locale;

/** The codings webgarden compresses with, and the choice among them for a request. */
public enum ContentCoding {
  BROTLI("br", ".br"),
  GZIP("gzip", ".gz");

  private final String token;
  private final String suffix;

  ContentCoding(String token, String suffix) {
    this.token = token;
    this.suffix = suffix;
  }

  /** The {@code Content-Encoding} value. */
  public String token() {
    return token;
  }

  String suffix() {
    return suffix;
  }

  /**
   * The coding to answer an {@code Accept-Encoding} with: the one with the highest q-value, brotli
   * on a tie (it is smaller); null when the client accepts neither.
   *
   * @param brotli whether brotli is available on this machine
   */
  public static ContentCoding choose(String acceptEncoding, boolean brotli) {
    if (acceptEncoding == null || acceptEncoding.isBlank()) {
      return null;
    }
    double br = -1;
    double gzip = -1;
    double any = -1;
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.split(";");
      String name = pieces[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String parameter = pieces[i].trim();
        if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
          try {
            q = Double.parseDouble(parameter.substring(2).trim());
          } catch (NumberFormatException malformed) {
            q = 0;
          }
        }
      }
      switch (name) {
        case "br" -> br = q;
        case "gzip", "x-gzip" -> gzip = q;
        case "*" -> any = q;
        default -> {
          // deflate, zstd, identity: not offered
        }
      }
    }
    br = br < 0 ? any : br;
    gzip = gzip < 0 ? any : gzip;
    if (!brotli) {
      br = 0;
    }
    if (br <= 0 && gzip <= 0) {
      return null;
    }
    return br >= gzip ? BROTLI : GZIP;
  }
}
