package io.webgarden.sidecar.compression;

import java.util.List;
import java.util.Locale;

/**
 * IIS's {@code httpCompression} defaults for static files or for dynamic responses, which a site
 * cannot change (IIS allows the section in applicationHost.config only).
 *
 * @param minFileSize {@code minFileSizeForComp}: smaller bodies (of a known size) are sent as they
 *     are
 * @param types {@code staticTypes} or {@code dynamicTypes}: the MIME types worth compressing; a
 *     trailing {@code /*} matches every subtype
 * @param gzipLevel {@code staticCompressionLevel} or {@code dynamicCompressionLevel}, as a zlib
 *     level
 * @param brotliQuality the brotli quality for the same purpose
 */
public record HttpCompression(
    long minFileSize, List<String> types, int gzipLevel, int brotliQuality) {

  /** IIS 10's defaults (its applicationHost.config), brotli at the quality of IIS's level 7. */
  public static final HttpCompression IIS_DEFAULTS =
      new HttpCompression(
          2700,
          List.of(
              "text/*",
              "message/*",
              "application/x-javascript",
              "application/javascript",
              "application/atom+xml",
              "application/xaml+xml",
              "image/svg+xml"),
          7,
          6);

  /**
   * IIS 10's {@code dynamicTypes} and {@code dynamicCompressionLevel="0"}, its fastest, which is
   * zlib's level 1 and brotli's quality 1 here (zlib's 0 would store, not compress). IIS applies
   * {@code minFileSizeForComp} to static files; it is honoured here too when a response's
   * Content-Length is known.
   */
  public static final HttpCompression IIS_DYNAMIC_DEFAULTS =
      new HttpCompression(
          2700,
          List.of("text/*", "message/*", "application/x-javascript", "application/javascript"),
          1,
          1);

  public HttpCompression {
    types = List.copyOf(types);
  }

  /** Whether IIS would compress a response of this Content-Type. */
  public boolean compressible(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    for (String pattern : types) {
      if (pattern.endsWith("/*")
          ? type.regionMatches(0, pattern, 0, pattern.length() - 1)
          : type.equals(pattern)) {
        return true;
      }
    }
    return false;
  }
}
