package io.webgarden.sidecar.site.rewrite;

import java.util.Locale;

/**
 * One {@code conditions/add}.
 *
 * @param input the expanded input, e.g. {@code {REQUEST_FILENAME}}
 * @param matchType what is checked about the input
 * @param pattern the compiled pattern for {@link MatchType#PATTERN}, null for the file checks
 * @param negate whether the outcome is inverted (a negated condition yields no captures)
 */
public record Condition(Template input, MatchType matchType, TextPattern pattern, boolean negate) {

  /** The {@code matchType} attribute. */
  public enum MatchType {
    PATTERN,
    IS_FILE,
    IS_DIRECTORY;

    /** Parses the web.config spelling, or returns null. */
    public static MatchType fromConfig(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "pattern" -> PATTERN;
        case "isfile" -> IS_FILE;
        case "isdirectory" -> IS_DIRECTORY;
        default -> null;
      };
    }
  }

  private static final String[] NO_CAPTURES = new String[0];

  /**
   * Evaluates the condition.
   *
   * @return the captures when the condition holds (empty for file checks and negated patterns), or
   *     null when it does not
   */
  String[] evaluate(RewriteContext context, RequestUrl current, String[] rule, String[] cond) {
    String value = input.expand(context, current, rule, cond);
    String[] captures =
        switch (matchType) {
          case IS_FILE -> context.isFile(value) ? NO_CAPTURES : null;
          case IS_DIRECTORY -> context.isDirectory(value) ? NO_CAPTURES : null;
          case PATTERN -> pattern.match(value);
        };
    if (negate) {
      return captures == null ? NO_CAPTURES : null;
    }
    return captures;
  }
}
