package io.webgarden.sidecar.statics;

import java.util.Locale;

/**
 * Parses a {@code Range} request header (RFC 9110 section 14) against a representation of known
 * length.
 *
 * <p>Only one {@code bytes} range is honoured. A request for several ranges is answered with the
 * whole file (RFC 9110 lets a server ignore {@code Range}); IIS would answer multipart/byteranges
 * there, nginx does the same as we do when the ranges are many. A syntactically invalid header,
 * including a range whose last position precedes its first, is ignored too, so the client gets the
 * full representation rather than an error.
 */
final class ByteRanges {

  /** What a {@code Range} header asks for. */
  sealed interface Spec permits Whole, Part, Unsatisfiable {}

  /** No usable range: send the whole representation with 200. */
  record Whole() implements Spec {}

  /** One satisfiable range: send {@code length} bytes from {@code offset} with 206. */
  record Part(long offset, long length) implements Spec {
    /** The inclusive last byte position, as written in {@code Content-Range}. */
    long last() {
      return offset + length - 1;
    }
  }

  /** A well-formed range that lies beyond the representation: answer 416. */
  record Unsatisfiable() implements Spec {}

  private static final String UNIT = "bytes=";

  private ByteRanges() {}

  /**
   * @param header the {@code Range} header value, or {@code null} when absent
   * @param size the representation's length in bytes
   */
  static Spec parse(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String value = header.trim();
    if (!value.toLowerCase(Locale.ROOT).startsWith(UNIT)) {
      return new Whole();
    }
    String set = value.substring(UNIT.length()).trim();
    int dash = set.indexOf('-');
    if (set.indexOf(',') >= 0 || dash < 0) {
      return new Whole();
    }
    String first = set.substring(0, dash).trim();
    String last = set.substring(dash + 1).trim();
    if (first.isEmpty()) {
      return suffix(last, size);
    }
    if (!isDigits(first) || !(last.isEmpty() || isDigits(last))) {
      return new Whole();
    }
    long start = parseClamped(first);
    long end = last.isEmpty() ? Long.MAX_VALUE : parseClamped(last);
    if (end < start) {
      return new Whole();
    }
    if (start >= size) {
      return new Unsatisfiable();
    }
    long lastByte = Math.min(end, size - 1);
    return new Part(start, lastByte - start + 1);
  }

  private static Spec suffix(String digits, long size) {
    if (!isDigits(digits)) {
      return new Whole();
    }
    long wanted = parseClamped(digits);
    if (wanted == 0 || size == 0) {
      return new Unsatisfiable();
    }
    long length = Math.min(wanted, size);
    return new Part(size - length, length);
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Parses ASCII digits; values past {@code Long.MAX_VALUE} saturate instead of failing. */
  private static long parseClamped(String digits) {
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(i) - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return Long.MAX_VALUE;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
