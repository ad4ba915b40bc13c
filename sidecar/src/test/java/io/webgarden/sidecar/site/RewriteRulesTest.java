package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.Resolution.Abort;
import io.webgarden.sidecar.site.Resolution.CustomResponse;
import io.webgarden.sidecar.site.Resolution.NodeApp;
import io.webgarden.sidecar.site.Resolution.NotFound;
import io.webgarden.sidecar.site.Resolution.Redirect;
import io.webgarden.sidecar.site.Resolution.StaticFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URL Rewrite rules, run through the resolver against real files. */
class RewriteRulesTest {
  @TempDir Path root;
  private SiteFixture site;

  @BeforeEach
  void setUp() {
    site = new SiteFixture(root);
  }

  private void rules(String folder, String rules) {
    site.webConfig(folder, "<rewrite><rules>" + rules + "</rules></rewrite>");
  }

  private Path staticFileOf(Resolution resolution) {
    assertThat(resolution).isInstanceOf(StaticFile.class);
    return ((StaticFile) resolution).file();
  }

  @Test
  void rewriteChangesWhatTheRestOfThePipelineResolves() {
    site.file("pages/about.html", "");
    rules(
        "",
        "<rule name='pages'><match url='^about$'/><action type='Rewrite'"
            + " url='pages/about.html'/></rule>");

    assertThat(staticFileOf(site.get("/about"))).isEqualTo(root.resolve("pages/about.html"));
    assertThat(staticFileOf(site.get("/ABOUT")))
        .isEqualTo(root.resolve("pages/about.html")); // ignoreCase default
  }

  @Test
  void backReferencesToTheRuleAndTheLastCondition() {
    site.file("en/products/42.html", "");
    rules(
        "",
        """
        <rule name='r'>
          <match url='^p/(\\d+)$'/>
          <conditions><add input='{HTTP_ACCEPT_LANGUAGE}' pattern='^(\\w\\w)'/></conditions>
          <action type='Rewrite' url='{C:1}/products/{R:1}.html'/>
        </rule>""");

    assertThat(staticFileOf(site.get("/p/42", Map.of("Accept-Language", "en-GB"), false, 80)))
        .isEqualTo(root.resolve("en/products/42.html"));
  }

  @Test
  void redirectTypesAndAppendQueryString() {
    rules(
        "",
"""
<rule name='perm'><match url='^a$'/><action type='Redirect' url='/new-a'/></rule>
<rule name='found'><match url='^b$'/><action type='Redirect' url='https://other.example/b' redirectType='Found'/></rule>
<rule name='see'><match url='^c$'/><action type='Redirect' url='c2?x=1' redirectType='SeeOther'/></rule>
<rule name='temp'><match url='^d$'/><action type='Redirect' url='/d2' redirectType='Temporary' appendQueryString='false'/></rule>""");

    assertThat(site.get("/a?q=1")).isEqualTo(new Redirect(301, "/new-a?q=1"));
    assertThat(site.get("/b")).isEqualTo(new Redirect(302, "https://other.example/b"));
    assertThat(site.get("/c?q=1")).isEqualTo(new Redirect(303, "/c2?x=1&q=1"));
    assertThat(site.get("/d?q=1")).isEqualTo(new Redirect(307, "/d2"));
  }

  @Test
  void customResponseAbortAndNone() {
    rules(
        "",
"""
<rule name='gone'><match url='^old/'/><action type='CustomResponse' statusCode='410' subStatusCode='1' statusReason='Gone' statusDescription='It moved away'/></rule>
<rule name='abort'><match url='^wp-admin'/><action type='AbortRequest'/></rule>
<rule name='shield' stopProcessing='true'><match url='^keep'/><action type='None'/></rule>
<rule name='all'><match url='.*'/><action type='CustomResponse' statusCode='503'/></rule>""");
    site.file("keep.txt", "");

    assertThat(site.get("/old/x")).isEqualTo(new CustomResponse(410, "Gone", "It moved away"));
    assertThat(site.get("/wp-admin/x.php")).isEqualTo(new Abort());
    assertThat(site.get("/keep.txt")).isInstanceOf(StaticFile.class);
    assertThat(site.get("/other")).isEqualTo(new CustomResponse(503, "", ""));
  }

  @Test
  void rewritesChainUntilStopProcessing() {
    site.file("c.html", "");
    site.file("b.html", "");
    rules(
        "",
"""
<rule name='one'><match url='^a$'/><action type='Rewrite' url='b'/></rule>
<rule name='two' stopProcessing='true'><match url='^b$'/><action type='Rewrite' url='c.html'/></rule>
<rule name='three'><match url='^c\\.html$'/><action type='Rewrite' url='b.html'/></rule>""");

    assertThat(staticFileOf(site.get("/a"))).isEqualTo(root.resolve("c.html"));
  }

  @Test
  void appendQueryStringOnRewriteKeepsOrReplacesTheQuery() {
    site.webConfig(
        "",
        SiteFixture.iisnodeHandler("app.js")
            +
"""
<rewrite><rules>
  <rule name='keep'><match url='^k$'/><action type='Rewrite' url='app.js?from=k'/></rule>
  <rule name='drop'><match url='^d$'/><action type='Rewrite' url='app.js' appendQueryString='false'/></rule>
</rules></rewrite>""");
    site.file("app.js", "");

    assertThat(site.get("/k?q=1"))
        .isInstanceOfSatisfying(
            NodeApp.class, app -> assertThat(app.rewrittenUrl()).isEqualTo("/app.js?from=k&q=1"));
    assertThat(site.get("/d?q=1"))
        .isInstanceOfSatisfying(
            NodeApp.class, app -> assertThat(app.rewrittenUrl()).isEqualTo("/app.js"));
  }

  @Test
  void matchAllAndMatchAnyWithFileAndDirectoryChecks() {
    site.file("exists.html", "");
    site.folder("dir");
    site.file("fallback.html", "");
    rules(
        "",
        """
        <rule name='all'>
          <match url='.*'/>
          <conditions>
            <add input='{REQUEST_FILENAME}' matchType='IsFile' negate='true'/>
            <add input='{REQUEST_FILENAME}' matchType='IsDirectory' negate='true'/>
          </conditions>
          <action type='Rewrite' url='fallback.html'/>
        </rule>""");

    assertThat(staticFileOf(site.get("/exists.html"))).isEqualTo(root.resolve("exists.html"));
    assertThat(site.get("/dir")).isEqualTo(new Redirect(301, "/dir/"));
    assertThat(staticFileOf(site.get("/nothing"))).isEqualTo(root.resolve("fallback.html"));
  }

  @Test
  void matchAnyNeedsOneConditionAndNegatedMatchInvertsTheRule() {
    site.file("blocked.html", "");
    rules(
        "",
        """
        <rule name='any'>
          <match url='^api/' negate='true'/>
          <conditions logicalGrouping='MatchAny'>
            <add input='{HTTPS}' pattern='^on$'/>
            <add input='{SERVER_PORT}' pattern='^8443$'/>
            <add input='{REMOTE_ADDR}' pattern='^192\\.168\\.'/>
          </conditions>
          <action type='Rewrite' url='blocked.html'/>
        </rule>""");

    assertThat(site.get("/x", Map.of(), true, 443)).isInstanceOf(StaticFile.class);
    assertThat(site.get("/x", Map.of(), false, 8443)).isInstanceOf(StaticFile.class);
    assertThat(site.get("/x", Map.of(), false, 80)).isInstanceOf(NotFound.class);
    assertThat(site.get("/api/x", Map.of(), true, 443)).isInstanceOf(NotFound.class);
  }

  @Test
  void wildcardSyntaxExactMatchAndCaseSensitivity() {
    site.file("img/logo.png", "");
    site.file("exact.html", "");
    rules(
        "",
"""
<rule name='wild' patternSyntax='Wildcard'><match url='images/*.png'/><action type='Rewrite' url='img/{R:1}.png'/></rule>
<rule name='exact' patternSyntax='ExactMatch'><match url='the-page'/><action type='Rewrite' url='exact.html'/></rule>
<rule name='cased'><match url='^Cased$' ignoreCase='false'/><action type='Rewrite' url='exact.html'/></rule>""");

    assertThat(staticFileOf(site.get("/images/logo.png"))).isEqualTo(root.resolve("img/logo.png"));
    assertThat(staticFileOf(site.get("/THE-PAGE"))).isEqualTo(root.resolve("exact.html"));
    assertThat(site.get("/the-page/x")).isInstanceOf(NotFound.class);
    assertThat(site.get("/Cased")).isInstanceOf(StaticFile.class);
    assertThat(site.get("/cased")).isInstanceOf(NotFound.class);
  }

  @Test
  void conditionPatternsSeeServerVariablesAndTrackAllCaptures() {
    site.file("out/example/7.html", "");
    rules(
        "",
        """
        <rule name='vars'>
          <match url='^item$'/>
          <conditions trackAllCaptures='true'>
            <add input='{HTTP_HOST}' pattern='^(\\w+)\\.org$'/>
            <add input='{QUERY_STRING}' pattern='id=(\\d+)'/>
            <add input='{URL}' pattern='^/item$'/>
          </conditions>
          <action type='Rewrite' url='out/{C:1}/{C:2}.html' appendQueryString='false'/>
        </rule>""");

    assertThat(staticFileOf(site.get("/item?id=7", Map.of("Host", "example.org"), false, 80)))
        .isEqualTo(root.resolve("out/example/7.html"));
  }

  @Test
  void rulesInASubfolderMatchRelativeToItAndRunAfterTheParentsRules() {
    site.file("shop/cart.html", "");
    site.file("shop/basket.html", "");
    rules(
        "",
        "<rule name='root'><match url='^shop/trolley$'/><action type='Rewrite'"
            + " url='shop/basket'/></rule>");
    rules(
        "shop",
"""
<rule name='sub'><match url='^basket$'/><action type='Rewrite' url='cart.html'/></rule>
<rule name='anchored'><match url='^shop/'/><action type='CustomResponse' statusCode='500'/></rule>""");

    assertThat(staticFileOf(site.get("/shop/basket"))).isEqualTo(root.resolve("shop/cart.html"));
    assertThat(staticFileOf(site.get("/shop/trolley"))).isEqualTo(root.resolve("shop/cart.html"));
    assertThat(staticFileOf(site.get("/shop/basket.html")))
        .isEqualTo(root.resolve("shop/basket.html"));
  }

  @Test
  void aSubfolderCanClearOrRemoveInheritedRules() {
    site.file("a/x.html", "");
    site.file("b/x.html", "");
    rules(
        "",
        "<rule name='deny'><match url='x\\.html$'/><action type='CustomResponse'"
            + " statusCode='403'/></rule>");
    rules("a", "<clear/>");
    rules("b", "<remove name='DENY'/>");

    assertThat(site.get("/x.html")).isEqualTo(new CustomResponse(403, "", ""));
    assertThat(site.get("/a/x.html")).isInstanceOf(StaticFile.class);
    assertThat(site.get("/b/x.html")).isInstanceOf(StaticFile.class);
  }

  @Test
  void aRewriteCannotLeaveTheSiteOrRevealHiddenFiles() {
    site.file("secret/.env", "");
    rules(
        "",
"""
<rule name='up'><match url='^up/(.*)'/><action type='Rewrite' url='/{R:1}'/></rule>
<rule name='env'><match url='^env$'/><action type='Rewrite' url='secret/.env'/></rule>
<rule name='arr'><match url='^remote$'/><action type='Rewrite' url='http://backend/x'/></rule>""");

    assertThat(site.get("/env")).isInstanceOf(NotFound.class);
    assertThat(SiteFixture.refusedStatus(site.get("/remote"))).isEqualTo(502);
    assertThat(site.get("/up/%252e%252e/etc/passwd"))
        .as("refused as double-escaped first")
        .isInstanceOf(Resolution.Filtered.class);
    site.webConfig(
        "",
        "<security><requestFiltering allowDoubleEscaping='true'/></security>"
            + "<rewrite><rules><rule name='up'><match url='^up/(.*)'/><action type='Rewrite'"
            + " url='/{R:1}'/></rule></rules></rewrite>");
    assertThat(SiteFixture.refusedStatus(site.get("/up/%252e%252e/etc/passwd"))).isEqualTo(403);
  }

  @Test
  void disabledRulesAreSkipped() {
    rules(
        "",
        "<rule name='off' enabled='false'><match url='.*'/><action type='AbortRequest'/></rule>");
    site.file("a.txt", "");

    assertThat(site.get("/a.txt")).isInstanceOf(StaticFile.class);
  }
}
