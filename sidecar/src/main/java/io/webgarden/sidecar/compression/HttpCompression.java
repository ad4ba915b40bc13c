package io.webgarden.sidecar.compression;

import java.util.List;
import java.util.Locale;

/**
 * IIS's {@code httpCompression} defaults for static files, which a site cannot change (IIS allows
 * the section in applicationHost.config only).
 *
 * @param minFileSize {@code minFileSizeForComp}: smaller files are sent as they are
 * @param staticTypes {@code staticTypes}: the MIME types worth compressing; a trailing {@code /*}
 *     matches every subtype
 * @param gzipLevel {@code staticCompressionLevel}
 * @param brotliQuality the brotli quality for the same purpose
 */
public record HttpCompression(
    long minFileSize, List<String> staticTypes, int gzipLevel, int brotliQuality) {

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

  public HttpCompression {
    staticTypes = List.copyOf(staticTypes);
  }

  /** Whether IIS would compress a static response of this Content-Type. */
  public boolean compressible(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    for (String pattern : staticTypes) {
      if (pattern.endsWith("/*")
          ? type.startsWith(pattern.substring(0, pattern.length() - 1))
          : type.equals(pattern)) {
        return true;
      }
    }
    return false;
  }
}
