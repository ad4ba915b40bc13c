package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.rewrite.Condition;
import io.webgarden.sidecar.site.rewrite.PatternSyntax;
import io.webgarden.sidecar.site.rewrite.RewriteAction;
import io.webgarden.sidecar.site.rewrite.RewriteRule;
import io.webgarden.sidecar.site.rewrite.Template;
import io.webgarden.sidecar.site.rewrite.TextPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xml.sax.SAXParseException;

/** Collects one {@code rewrite/rules/rule} element and its children into a compiled rule. */
final class RuleReader {
  private final String name;
  private final boolean enabled;
  private final boolean stopProcessing;
  private final PatternSyntax syntax;
  private final int line;
  private final List<Condition> conditions = new ArrayList<>();
  private TextPattern match;
  private boolean negateMatch;
  private boolean matchAny;
  private boolean trackAllCaptures;
  private RewriteAction action = new RewriteAction.None();

  RuleReader(XmlAttributes rule) throws SAXParseException {
    name = rule.required("name");
    enabled = rule.bool("enabled", true);
    stopProcessing = rule.bool("stopProcessing", false);
    String syntaxName = rule.get("patternSyntax", "ECMAScript");
    syntax = PatternSyntax.fromConfig(syntaxName);
    if (syntax == null) {
      throw rule.invalid(
          "rule '"
              + name
              + "': patternSyntax must be ECMAScript, Wildcard or ExactMatch, not '"
              + syntaxName
              + "'");
    }
    line = rule.line();
  }

  String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  void match(XmlAttributes element) throws SAXParseException {
    match = pattern(element, element.get("url", ""), element.bool("ignoreCase", true));
    negateMatch = element.bool("negate", false);
  }

  void conditions(XmlAttributes element) throws SAXParseException {
    String grouping = element.get("logicalGrouping", "MatchAll");
    if (!grouping.equalsIgnoreCase("MatchAll") && !grouping.equalsIgnoreCase("MatchAny")) {
      throw element.invalid("rule '" + name + "': logicalGrouping must be MatchAll or MatchAny");
    }
    matchAny = grouping.equalsIgnoreCase("MatchAny");
    trackAllCaptures = element.bool("trackAllCaptures", false);
  }

  void condition(XmlAttributes element) throws SAXParseException {
    String typeName = element.get("matchType", "Pattern");
    Condition.MatchType type = Condition.MatchType.fromConfig(typeName);
    if (type == null) {
      throw element.invalid(
          "rule '"
              + name
              + "': matchType must be Pattern, IsFile or IsDirectory, not '"
              + typeName
              + "'");
    }
    TextPattern pattern =
        type == Condition.MatchType.PATTERN
            ? pattern(element, element.get("pattern", ""), element.bool("ignoreCase", true))
            : null;
    conditions.add(
        new Condition(
            template(element, element.required("input")),
            type,
            pattern,
            element.bool("negate", false)));
  }

  void action(XmlAttributes element) throws SAXParseException {
    String type = element.get("type", "None").toLowerCase(Locale.ROOT);
    boolean appendQuery = element.bool("appendQueryString", true);
    action =
        switch (type) {
          case "rewrite" ->
              new RewriteAction.Rewrite(template(element, element.required("url")), appendQuery);
          case "redirect" ->
              new RewriteAction.Redirect(
                  template(element, element.required("url")), redirectStatus(element), appendQuery);
          case "customresponse" ->
              new RewriteAction.CustomResponse(
                  element.integer("statusCode", 200, 100, 999),
                  element.integer("subStatusCode", 0, 0, 999),
                  element.get("statusReason", ""),
                  element.get("statusDescription", ""));
          case "abortrequest" -> new RewriteAction.AbortRequest();
          case "none" -> new RewriteAction.None();
          default ->
              throw element.invalid(
                  "rule '"
                      + name
                      + "': action type must be Rewrite, Redirect, CustomResponse,"
                      + " AbortRequest or None, not '"
                      + element.get("type")
                      + "'");
        };
  }

  RewriteRule build() {
    // A rule without <match> (as in Azure's generated web.config) applies to every URL.
    TextPattern pattern =
        match != null ? match : TextPattern.compile(PatternSyntax.ECMA_SCRIPT, "", true);
    return new RewriteRule(
        name,
        enabled,
        stopProcessing,
        pattern,
        negateMatch,
        matchAny,
        trackAllCaptures,
        conditions,
        action,
        line);
  }

  private int redirectStatus(XmlAttributes element) throws SAXParseException {
    String type = element.get("redirectType", "Permanent");
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "permanent" -> 301;
      case "found" -> 302;
      case "seeother" -> 303;
      case "temporary" -> 307;
      default ->
          throw element.invalid(
              "rule '"
                  + name
                  + "': redirectType must be Permanent, Found, SeeOther or Temporary, not '"
                  + type
                  + "'");
    };
  }

  private TextPattern pattern(XmlAttributes element, String source, boolean ignoreCase)
      throws SAXParseException {
    try {
      return TextPattern.compile(syntax, source, ignoreCase);
    } catch (IllegalArgumentException e) {
      throw element.invalid("rule '" + name + "': " + e.getMessage());
    }
  }

  private Template template(XmlAttributes element, String source) throws SAXParseException {
    try {
      return Template.parse(source);
    } catch (IllegalArgumentException e) {
      throw element.invalid("rule '" + name + "': " + e.getMessage());
    }
  }
}
