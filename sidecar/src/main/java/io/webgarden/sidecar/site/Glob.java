package io.webgarden.sidecar.site;

/**
 * IIS handler-path wildcards ({@code *} any run, {@code ?} one character), case-insensitive and
 * allocation-free because it runs for every handler on every request.
 */
final class Glob {
  private Glob() {}

  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = 0;
    while (t < text.length()) {
      char wanted = p < pattern.length() ? pattern.charAt(p) : 0;
      if (wanted == '*') {
        starP = p++;
        starT = t;
      } else if (p < pattern.length()
          && (wanted == '?' || sameIgnoringCase(wanted, text.charAt(t)))) {
        p++;
        t++;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT; // let the last star swallow one more character
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean sameIgnoringCase(char a, char b) {
    return a == b || Character.toLowerCase(a) == Character.toLowerCase(b);
  }
}
