package io.webgarden.sidecar.site.rewrite;

import java.util.List;

/**
 * One {@code rewrite/rules/rule}, compiled.
 *
 * @param name the rule name (the key for {@code remove})
 * @param enabled a disabled rule is skipped
 * @param stopProcessing no rule after this one runs once it matched
 * @param match the {@code match url} pattern; a rule without a match element matches every URL
 * @param negateMatch {@code match negate}: the rule applies when the pattern does not match
 * @param matchAny {@code logicalGrouping="MatchAny"} instead of MatchAll
 * @param trackAllCaptures whether {@code {C:n}} numbers the captures of all matched conditions
 * @param conditions evaluated in order after the match
 * @param action what happens when the rule applies
 * @param line the line of the rule element, for diagnostics
 */
public record RewriteRule(
    String name,
    boolean enabled,
    boolean stopProcessing,
    TextPattern match,
    boolean negateMatch,
    boolean matchAny,
    boolean trackAllCaptures,
    List<Condition> conditions,
    RewriteAction action,
    int line) {

  public RewriteRule {
    conditions = List.copyOf(conditions);
  }
}
