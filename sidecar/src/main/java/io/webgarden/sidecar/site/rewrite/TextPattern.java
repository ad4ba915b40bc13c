package io.webgarden.sidecar.site.rewrite;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled {@code match url} or condition {@code pattern}. Compiled once at parse time; {@link
 * #match} is called per request and only allocates the capture array.
 */
public sealed interface TextPattern {

  /**
   * Matches the input.
   *
   * @return the captures ({@code [0]} is the whole match, as {@code {R:0}}), or null when the
   *     pattern does not match
   */
  String[] match(String input);

  /** The pattern as written in web.config. */
  String source();

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException with a readable message when the pattern is not valid
   */
  static TextPattern compile(PatternSyntax syntax, String source, boolean ignoreCase) {
    int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
    try {
      return switch (syntax) {
        case ECMA_SCRIPT ->
            new Regex(source, Pattern.compile(EcmaScriptRegex.toJava(source), flags));
        case WILDCARD -> new Regex(source, Pattern.compile(wildcardToRegex(source), flags), true);
        case EXACT_MATCH -> new Exact(source, ignoreCase);
      };
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "'"
              + source
              + "' is not a valid "
              + syntax.configName()
              + " pattern: "
              + e.getDescription()
              + " near index "
              + e.getIndex(),
          e);
    }
  }

  /**
   * URL Rewrite wildcards: {@code *} is any run of characters and becomes a capture, {@code ?} is
   * one character; everything else is literal and the whole input must match.
   */
  private static String wildcardToRegex(String source) {
    StringBuilder regex = new StringBuilder(source.length() + 16);
    int literalStart = 0;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '*' || c == '?') {
        if (i > literalStart) {
          regex.append(Pattern.quote(source.substring(literalStart, i)));
        }
        regex.append(c == '*' ? "(.*)" : ".");
        literalStart = i + 1;
      }
    }
    if (literalStart < source.length()) {
      regex.append(Pattern.quote(source.substring(literalStart)));
    }
    return regex.toString();
  }

  /** ECMAScript (searched) or Wildcard (whole input) through java.util.regex. */
  record Regex(String source, Pattern pattern, boolean whole) implements TextPattern {
    Regex(String source, Pattern pattern) {
      this(source, pattern, false);
    }

    @Override
    public String[] match(String input) {
      Matcher matcher = pattern.matcher(input);
      if (!(whole ? matcher.matches() : matcher.find())) {
        return null;
      }
      String[] captures = new String[matcher.groupCount() + 1];
      for (int group = 0; group < captures.length; group++) {
        String value = matcher.group(group);
        // An unmatched optional group is an empty back-reference in IIS, not "null".
        captures[group] = value == null ? "" : value;
      }
      return captures;
    }
  }

  /** {@code ExactMatch}: string equality, the input is {@code {R:0}}. */
  record Exact(String source, boolean ignoreCase) implements TextPattern {
    @Override
    public String[] match(String input) {
      boolean equal = ignoreCase ? source.equalsIgnoreCase(input) : source.equals(input);
      return equal ? new String[] {input} : null;
    }
  }
}
