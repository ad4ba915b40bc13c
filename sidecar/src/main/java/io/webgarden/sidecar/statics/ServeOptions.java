package io.webgarden.sidecar.statics;

import java.util.Map;

/**
 * How one static file is sent, as the site's configuration decided it.
 *
 * @param contentType the Content-Type, or null when the MIME map has none for the file, which IIS
 *     answers with 404.3 and so does the responder
 * @param cacheHeaders headers added to a 200, 206 or 304 (Cache-Control, Expires)
 * @param etag whether to send an ETag
 * @param compress whether {@code urlCompression/@doStaticCompression} allows compressing it
 */
public record ServeOptions(
    String contentType, Map<String, String> cacheHeaders, boolean etag, boolean compress) {
  public ServeOptions {
    cacheHeaders = Map.copyOf(cacheHeaders);
  }
}
