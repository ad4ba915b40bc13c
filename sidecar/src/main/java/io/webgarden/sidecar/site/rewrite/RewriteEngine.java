package io.webgarden.sidecar.site.rewrite;

import io.webgarden.sidecar.site.rewrite.RewriteAction.AbortRequest;
import io.webgarden.sidecar.site.rewrite.RewriteAction.CustomResponse;
import io.webgarden.sidecar.site.rewrite.RewriteAction.Redirect;
import io.webgarden.sidecar.site.rewrite.RewriteAction.Rewrite;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an ordered rule set (inherited rules first) against one request, as URL Rewrite runs
 * distributed rules: each rule sees the URL left by the rules before it. Stateless and shareable.
 */
public final class RewriteEngine {
  private static final String[] NO_CAPTURES = new String[0];

  /** Evaluates the rules and says how the request goes on. */
  public RewriteOutcome run(List<ScopedRule> rules, RewriteContext context) {
    RequestUrl current = context.original();
    for (ScopedRule scoped : rules) {
      RewriteRule rule = scoped.rule();
      String input = rule.enabled() ? relativeInput(current.path(), scoped.folderPrefix()) : null;
      String[] ruleCaptures = input == null ? null : matchUrl(rule, input);
      String[] condCaptures =
          ruleCaptures == null ? null : conditions(rule, context, current, ruleCaptures);
      if (condCaptures == null) {
        continue;
      }
      RewriteAction action = rule.action();
      if (action instanceof Rewrite rewrite) {
        String url = rewrite.url().expand(context, current, ruleCaptures, condCaptures);
        try {
          current =
              rewritten(url, rewrite.appendQueryString(), scoped.folderPrefix(), current, context);
        } catch (RejectedUrlException e) {
          return new RewriteOutcome.Refused(
              e.status(), "rule '" + rule.name() + "': " + e.getMessage());
        }
      } else if (action instanceof Redirect redirect) {
        String url = redirect.url().expand(context, current, ruleCaptures, condCaptures);
        return new RewriteOutcome.Redirected(
            redirect.status(),
            location(url, redirect.appendQueryString(), scoped.folderPrefix(), current));
      } else if (action instanceof CustomResponse custom) {
        return new RewriteOutcome.Responded(
            custom.status(), custom.subStatus(), custom.reason(), custom.description());
      } else if (action instanceof AbortRequest) {
        return new RewriteOutcome.Aborted();
      }
      if (rule.stopProcessing()) {
        break;
      }
    }
    return new RewriteOutcome.Continue(current);
  }

  /** The URL path relative to the rule's folder, or null when the URL is outside it. */
  private static String relativeInput(String path, String folderPrefix) {
    if (folderPrefix.isEmpty()) {
      return path.substring(1);
    }
    if (path.startsWith(folderPrefix, 1)) {
      return path.substring(1 + folderPrefix.length());
    }
    // "/sub" names the folder "sub/" too (it will be redirected to the slash form).
    boolean folderItself =
        path.length() == folderPrefix.length() && folderPrefix.startsWith(path.substring(1));
    return folderItself ? "" : null;
  }

  private static String[] matchUrl(RewriteRule rule, String input) {
    String[] captures = rule.match().match(input);
    if (rule.negateMatch()) {
      return captures == null ? NO_CAPTURES : null;
    }
    return captures;
  }

  /** The captures {@code {C:n}} refers to when the conditions hold, or null when they fail. */
  private static String[] conditions(
      RewriteRule rule, RewriteContext context, RequestUrl current, String[] ruleCaptures) {
    String[] last = NO_CAPTURES;
    for (Condition condition : rule.conditions()) {
      String[] captures = condition.evaluate(context, current, ruleCaptures, last);
      if (rule.matchAny()) {
        if (captures != null) {
          return captures;
        }
        continue;
      }
      if (captures == null) {
        return null;
      }
      if (rule.trackAllCaptures()) {
        last = appendGroups(last, captures);
      } else if (captures.length > 0) {
        last = captures; // file checks capture nothing and leave the last pattern's groups
      }
    }
    return rule.matchAny() && !rule.conditions().isEmpty() ? null : last;
  }

  private static String[] appendGroups(String[] tracked, String[] captures) {
    if (tracked.length == 0 || captures.length <= 1) {
      return tracked.length == 0 ? captures : tracked;
    }
    String[] joined = Arrays.copyOf(tracked, tracked.length + captures.length - 1);
    System.arraycopy(captures, 1, joined, tracked.length, captures.length - 1);
    return joined;
  }

  private static RequestUrl rewritten(
      String url,
      boolean appendQuery,
      String folderPrefix,
      RequestUrl current,
      RewriteContext context)
      throws RejectedUrlException {
    if (hasScheme(url)) {
      throw new RejectedUrlException(
          502,
          "rewriting to another server (" + url + ") needs ARR, which webgarden does not proxy");
    }
    int mark = url.indexOf('?');
    String path = mark < 0 ? url : url.substring(0, mark);
    String query = mark < 0 ? null : url.substring(mark + 1);
    if (!path.startsWith("/")) {
      path = "/" + folderPrefix + path;
    }
    return context.rewriteTo(path, withQuery(query, appendQuery, current.query()));
  }

  private static String withQuery(String own, boolean append, String currentQuery) {
    if (own == null || own.isEmpty()) {
      return append ? currentQuery : "";
    }
    return append && !currentQuery.isEmpty() ? own + '&' + currentQuery : own;
  }

  private static String location(
      String url, boolean appendQuery, String folderPrefix, RequestUrl current) {
    String location = hasScheme(url) || url.startsWith("/") ? url : "/" + folderPrefix + url;
    if (!appendQuery || current.query().isEmpty()) {
      return location;
    }
    return location + (location.indexOf('?') < 0 ? '?' : '&') + current.query();
  }

  private static boolean hasScheme(String url) {
    int colon = url.indexOf("://");
    return colon > 0 && url.substring(0, colon).chars().allMatch(Character::isLetter);
  }
}
