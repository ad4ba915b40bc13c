package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.rewrite.RejectedUrlException;
import io.webgarden.sidecar.site.rewrite.RequestUrl;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a raw request path into a safe decoded one, exactly once: percent-decoding (UTF-8), then
 * refusing anything that could name a file outside the folder it seems to name. The decoded path is
 * never decoded again, so {@code %252e} stays the three characters {@code %2e}.
 */
final class UrlPaths {
  private UrlPaths() {}

  static RequestUrl decode(String rawPath, String query) throws RejectedUrlException {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      throw new RejectedUrlException(400, "the request path must start with '/'");
    }
    String decoded = rawPath.indexOf('%') < 0 ? rawPath : percentDecode(rawPath);
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c == 0) {
        throw new RejectedUrlException(400, "NUL in the request path");
      } else if (c < 0x20 || c == 0x7f) {
        throw new RejectedUrlException(400, "control character in the request path");
      } else if (c == '\\') {
        throw new RejectedUrlException(400, "backslash in the request path");
      }
    }
    return new RequestUrl(rawPath, normalise(decoded), query == null ? "" : query);
  }

  private static String percentDecode(String raw) throws RejectedUrlException {
    byte[] bytes = new byte[raw.length() * 3];
    int length = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int value =
            i + 2 < raw.length() ? hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)) : -1;
        if (value < 0) {
          throw new RejectedUrlException(400, "malformed percent escape in the request path");
        }
        if (value == '/' || value == '\\') {
          // A decoded separator inside a segment is the classic way around prefix checks.
          throw new RejectedUrlException(403, "encoded '/' or '\\' in the request path");
        }
        bytes[length++] = (byte) value;
        i += 2;
      } else if (c < 0x80) {
        bytes[length++] = (byte) c;
      } else {
        // Raw non-ASCII (some clients send it unescaped): keep surrogate pairs together.
        int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
        byte[] utf8 = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        i = end - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RejectedUrlException(400, "the request path is not valid UTF-8");
    }
  }

  private static int hex(char c) {
    int digit = Character.digit(c, 16);
    return digit < 0 || c > 0x7f ? -0x1000 : digit; // keeps the combined value negative
  }

  /** Collapses repeated slashes and refuses dot segments. */
  private static String normalise(String path) throws RejectedUrlException {
    if (path.indexOf("//") < 0 && path.indexOf("/.") < 0) {
      return path;
    }
    StringBuilder normal = new StringBuilder(path.length());
    for (String segment : segments(path)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new RejectedUrlException(403, "'.' or '..' segment in the request path");
      }
      normal.append('/').append(segment);
    }
    if (normal.length() == 0 || path.endsWith("/")) {
      normal.append('/');
    }
    return normal.toString();
  }

  /** The non-empty segments of a path. */
  static List<String> segments(String path) {
    List<String> segments = new ArrayList<>(8);
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        if (i > start) {
          segments.add(path.substring(start, i));
        }
        start = i + 1;
      }
    }
    return segments;
  }

  /**
   * Whether a decoded path must never be served: dot segments ({@code .git}, {@code .env}) and the
   * configuration files themselves. Answered with 404, as IIS request filtering does.
   */
  static boolean isHidden(String path) {
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        if (i > start && isHiddenSegment(path, start, i)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  static boolean isHiddenName(String name) {
    return isHiddenSegment(name, 0, name.length());
  }

  private static boolean isHiddenSegment(String path, int start, int end) {
    int length = end - start;
    return path.charAt(start) == '.'
        || (length == 10 && path.regionMatches(true, start, "web.config", 0, 10))
        || (length == 11 && path.regionMatches(true, start, "iisnode.yml", 0, 11));
  }
}
