package io.webgarden.sidecar.compression;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.Locale;

/**
 * IIS's dynamic compression ({@code urlCompression/@doDynamicCompression}) for the responses of
 * node applications: decides from the request and the response's head whether a body is compressed,
 * and if so rewrites the head for it and hands out the encoder its body streams through.
 *
 * <p>A response is left as the app sent it when the app compressed it itself (any {@code
 * Content-Encoding}), when it has no body to compress or compressing would change its meaning
 * (HEAD, 1xx, 204, 206 and any {@code Content-Range}, 304), when the client speaks HTTP/1.0 (IIS's
 * {@code noCompressionForHttp10}, default true), when it is not of IIS's {@code dynamicTypes}, when
 * it is an event stream ({@code text/event-stream}, which a client reads message by message), when
 * the app says {@code Cache-Control: no-transform}, and when its Content-Length is under {@code
 * minFileSizeForComp}. Otherwise it varies with {@code Accept-Encoding} and says so, and is
 * compressed when the client accepts gzip or brotli.
 */
public final class DynamicCompression {
  private static final String EVENT_STREAM = "text/event-stream";

  private final HttpCompression settings;
  private final boolean brotli;

  /**
   * @param brotli whether brotli may be offered (the native library loaded)
   */
  public DynamicCompression(HttpCompression settings, boolean brotli) {
    this.settings = settings;
    this.brotli = brotli;
  }

  /** IIS's defaults, with brotli when this machine has it. */
  public static DynamicCompression iisDefaults() {
    return new DynamicCompression(
        HttpCompression.IIS_DYNAMIC_DEFAULTS, Brotli4jLoader.isAvailable());
  }

  /**
   * The encoder for a response's body, with {@code headers} (the response's, as the client will get
   * them) rewritten for it: {@code Content-Encoding} set, {@code Content-Length} removed (the body
   * goes chunked), a strong ETag made weak, {@code Vary: Accept-Encoding} merged in. Null when the
   * body goes as it is; {@code Vary} is still added when the answer depended on {@code
   * Accept-Encoding}.
   *
   * @param request the request the response answers
   */
  public StreamEncoder start(HttpServerRequest request, int status, MultiMap headers) {
    if (request.method() == HttpMethod.HEAD
        || request.version() == HttpVersion.HTTP_1_0
        || !compressibleStatus(status)
        || headers.contains("content-encoding")) {
      return null;
    }
    String type = headers.get("content-type");
    if (type == null
        || !settings.compressible(type)
        || type.regionMatches(true, 0, EVENT_STREAM, 0, EVENT_STREAM.length())
        || headers.contains("content-range")
        || noTransform(headers.getAll("cache-control"))
        || tooSmall(headers.get("content-length"))) {
      return null;
    }
    mergeVary(headers);
    ContentCoding coding = ContentCoding.choose(request.getHeader("accept-encoding"), brotli);
    if (coding == null) {
      return null;
    }
    headers.remove("content-length");
    headers.set("Content-Encoding", coding.token());
    String etag = headers.get("etag");
    if (etag != null && !etag.startsWith("W/")) {
      headers.set("ETag", "W/" + etag);
    }
    return new StreamEncoder(coding, settings);
  }

  private static boolean compressibleStatus(int status) {
    return status >= 200 && status != 204 && status != 206 && status != 304;
  }

  private static boolean noTransform(List<String> cacheControl) {
    for (String value : cacheControl) {
      if (value.toLowerCase(Locale.ROOT).contains("no-transform")) {
        return true;
      }
    }
    return false;
  }

  private boolean tooSmall(String contentLength) {
    if (contentLength == null) {
      return false; // streamed: its size is unknown, as IIS finds it
    }
    try {
      return Long.parseLong(contentLength.strip()) < settings.minFileSize();
    } catch (NumberFormatException e) {
      return true; // not ours to interpret
    }
  }

  /** One Vary field listing what the app's did, plus Accept-Encoding unless already there. */
  private static void mergeVary(MultiMap headers) {
    List<String> vary = headers.getAll("vary");
    StringBuilder merged = new StringBuilder();
    for (String value : vary) {
      for (String token : value.split(",")) {
        String name = token.strip();
        if (name.equals("*") || name.equalsIgnoreCase("accept-encoding")) {
          return; // varies on everything already, or says so
        }
        if (!name.isEmpty()) {
          merged.append(merged.isEmpty() ? "" : ", ").append(name);
        }
      }
    }
    headers.set(
        "Vary", merged.append(merged.isEmpty() ? "" : ", ").append("Accept-Encoding").toString());
  }
}
