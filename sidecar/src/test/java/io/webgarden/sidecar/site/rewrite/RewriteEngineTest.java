package io.webgarden.sidecar.site.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RewriteEngineTest {
  private final RewriteEngine engine = new RewriteEngine();

  private static RewriteRule rule(
      String name,
      String pattern,
      List<Condition> conditions,
      boolean matchAny,
      RewriteAction action) {
    return new RewriteRule(
        name,
        true,
        false,
        TextPattern.compile(PatternSyntax.ECMA_SCRIPT, pattern, true),
        false,
        matchAny,
        false,
        conditions,
        action,
        1);
  }

  private static RewriteAction rewriteTo(String url) {
    return new RewriteAction.Rewrite(Template.parse(url), true);
  }

  private RewriteOutcome run(String path, ScopedRule... rules) {
    RequestUrl original = MapContext.url(path, "");
    return engine.run(List.of(rules), new MapContext(original, Map.of(), Set.of("/disk/a")));
  }

  @Test
  void aSubfolderRuleSeesItsFolderUrlWithoutSlashAsEmptyAndIgnoresUrlsOutsideIt() {
    ScopedRule empty =
        new ScopedRule("shop/", rule("e", "^$", List.of(), false, rewriteTo("home")));

    assertThat(run("/shop", empty))
        .isEqualTo(new RewriteOutcome.Continue(MapContext.url("/shop/home", "")));
    assertThat(run("/shopping", empty))
        .isEqualTo(new RewriteOutcome.Continue(MapContext.url("/shopping", "")));
    assertThat(run("/other/", empty))
        .isEqualTo(new RewriteOutcome.Continue(MapContext.url("/other/", "")));
  }

  @Test
  void anUnsafeRewriteIsRefusedNamingTheRule() {
    ScopedRule up =
        new ScopedRule("", rule("up", "^x/(.*)", List.of(), false, rewriteTo("/{R:1}")));

    assertThat(run("/x/../etc", up))
        .isEqualTo(new RewriteOutcome.Refused(403, "rule 'up': '..' in the path"));
  }

  @Test
  void matchAnyWithoutAPassingConditionSkipsTheRule() {
    Condition isFile =
        new Condition(Template.parse("/disk{URL}"), Condition.MatchType.IS_FILE, null, false);
    ScopedRule any =
        new ScopedRule(
            "", rule("any", ".*", List.of(isFile), true, new RewriteAction.AbortRequest()));

    assertThat(run("/a", any)).isEqualTo(new RewriteOutcome.Aborted());
    assertThat(run("/b", any)).isInstanceOf(RewriteOutcome.Continue.class);
  }

  @Test
  void aCustomResponseKeepsItsSubStatus() {
    ScopedRule custom =
        new ScopedRule(
            "",
            rule(
                "c", ".*", List.of(), false, new RewriteAction.CustomResponse(404, 7, "Nope", "")));

    assertThat(run("/x", custom)).isEqualTo(new RewriteOutcome.Responded(404, 7, "Nope", ""));
  }
}
