package io.webgarden.sidecar.site.rewrite;

/** The {@code patternSyntax} attribute of a rule; conditions use the syntax of their rule. */
public enum PatternSyntax {
  /** URL Rewrite's default: a regular expression searched (not anchored) in the input. */
  ECMA_SCRIPT("ECMAScript"),
  /** {@code *} matches any run of characters and captures it; the whole input must match. */
  WILDCARD("Wildcard"),
  /** The whole input must equal the pattern. */
  EXACT_MATCH("ExactMatch");

  private final String configName;

  PatternSyntax(String configName) {
    this.configName = configName;
  }

  /** The spelling used in web.config. */
  public String configName() {
    return configName;
  }

  /** Parses the web.config spelling (case-insensitively, as IIS does), or returns null. */
  public static PatternSyntax fromConfig(String value) {
    for (PatternSyntax syntax : values()) {
      if (syntax.configName.equalsIgnoreCase(value)) {
        return syntax;
      }
    }
    return null;
  }
}
