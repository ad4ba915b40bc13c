package io.webgarden.sidecar.site.rewrite;

import java.util.regex.Pattern;

/**
 * Translates the ECMAScript regular expressions of URL Rewrite into java.util.regex. The two
 * dialects agree on almost everything a rewrite rule uses; this handles the places where the same
 * text means something else (or does not compile) in Java.
 */
final class EcmaScriptRegex {
  private static final Pattern QUANTIFIER = Pattern.compile("\\{\\d+(,\\d*)?}");

  private EcmaScriptRegex() {}

  static String toJava(String ecma) {
    StringBuilder java = new StringBuilder(ecma.length() + 8);
    boolean inClass = false;
    for (int i = 0; i < ecma.length(); i++) {
      char c = ecma.charAt(i);
      if (c == '\\' && i + 1 < ecma.length()) {
        i = appendEscape(ecma, i, java);
      } else if (inClass) {
        if (c == ']') {
          inClass = false;
          java.append(c);
        } else if (c == '[') {
          // A literal '[' in an ECMAScript class would open a nested class in Java.
          java.append("\\[");
        } else if (c == '&' && i + 1 < ecma.length() && ecma.charAt(i + 1) == '&') {
          // "&&" is class intersection in Java, two ampersands in ECMAScript.
          java.append("&\\&");
          i++;
        } else {
          java.append(c);
        }
      } else if (c == '[') {
        if (ecma.startsWith("[^]", i)) {
          java.append("[\\s\\S]"); // ECMAScript: any character at all
          i += 2;
        } else if (ecma.startsWith("[]", i)) {
          java.append("(?!)"); // ECMAScript: matches nothing
          i += 1;
        } else {
          inClass = true;
          java.append(c);
          if (ecma.startsWith("[^", i)) {
            java.append('^');
            i++;
          }
        }
      } else if (c == '$') {
        // ECMAScript '$' is the end of input; Java's also matches before a final line break.
        java.append("(?![\\s\\S])");
      } else if (c == '{' && !QUANTIFIER.matcher(ecma).region(i, ecma.length()).lookingAt()) {
        java.append("\\{"); // ECMAScript (Annex B) reads a brace that is no quantifier literally
      } else {
        java.append(c);
      }
    }
    return java.toString();
  }

  /** Appends the escape starting at {@code i} and returns the index of its last character. */
  private static int appendEscape(String ecma, int i, StringBuilder java) {
    char next = ecma.charAt(i + 1);
    boolean digitFollows = i + 2 < ecma.length() && Character.isDigit(ecma.charAt(i + 2));
    if (next == '0' && !digitFollows) {
      java.append("\\x00"); // "\0" is NUL in ECMAScript, an incomplete octal escape in Java
    } else {
      java.append('\\').append(next);
    }
    return i + 1;
  }
}
