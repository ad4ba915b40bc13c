package io.webgarden.sidecar.logs;

/**
 * Just enough JSON writing for flat log objects. A hand-written escaper keeps this package free of
 * a JSON library for one-line objects, and escapes exactly what RFC 8259 requires plus nothing a
 * log shipper could trip on.
 */
final class Json {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder(128).append('{');

  Json field(String name, String value) {
    key(name);
    if (value == null) {
      out.append("null");
    } else {
      quote(out, value);
    }
    return this;
  }

  Json field(String name, long value) {
    key(name);
    out.append(value);
    return this;
  }

  Json nullField(String name) {
    key(name);
    out.append("null");
    return this;
  }

  @Override
  public String toString() {
    return out + "}";
  }

  private void key(String name) {
    if (out.length() > 1) {
      out.append(',');
    }
    quote(out, name);
    out.append(':');
  }

  static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // Control characters must be escaped; U+2028/2029 too, since some consumers parse
          // lines as JavaScript, where they end a line.
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x7f) {
            out.append("\\u");
            for (int shift = 12; shift >= 0; shift -= 4) {
              out.append(HEX[(c >> shift) & 0xf]);
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
