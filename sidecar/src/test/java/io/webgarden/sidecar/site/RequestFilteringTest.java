package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.Resolution.ConfigError;
import io.webgarden.sidecar.site.Resolution.Filtered;
import io.webgarden.sidecar.site.Resolution.StaticFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IIS request filtering through the resolver: IIS's defaults, the chain, and bad values. */
class RequestFilteringTest {
  @TempDir Path root;
  private SiteFixture site;

  @BeforeEach
  void setUp() {
    site = new SiteFixture(root);
  }

  @Test
  void iisDefaultHiddenSegmentsAreHiddenAtAnyDepthAndInAnyCase() {
    for (String folder :
        new String[] {
          "bin",
          "App_Data",
          "App_Code",
          "App_Browsers",
          "App_GlobalResources",
          "App_LocalResources",
          "App_WebReferences"
        }) {
      site.file(folder + "/a.txt", "secret");
      assertThat(rule(site.get("/" + folder + "/a.txt")))
          .as(folder)
          .isEqualTo(FilterRule.HIDDEN_SEGMENT);
      assertThat(rule(site.get("/" + folder.toUpperCase(Locale.ROOT) + "/a.txt")))
          .as(folder)
          .isEqualTo(FilterRule.HIDDEN_SEGMENT);
    }
    site.file("deep/bin/x.txt", "");
    site.file("binary/x.txt", "");
    assertThat(rule(site.get("/deep/bin/x.txt"))).isEqualTo(FilterRule.HIDDEN_SEGMENT);
    assertThat(site.get("/binary/x.txt")).as("only whole segments").isInstanceOf(StaticFile.class);
  }

  @Test
  void aFolderCanRemoveAnInheritedSegmentAndAddItsOwn() {
    site.webConfig(
        "",
        """
        <security><requestFiltering><hiddenSegments>
          <remove segment="bin"/><add segment="node_modules"/>
        </hiddenSegments></requestFiltering></security>""");
    site.file("bin/www", "");
    site.file("node_modules/x/index.js", "");
    site.file("App_Data/db.txt", "");
    assertThat(site.get("/bin/www")).isInstanceOf(StaticFile.class);
    assertThat(rule(site.get("/node_modules/x/index.js"))).isEqualTo(FilterRule.HIDDEN_SEGMENT);
    assertThat(rule(site.get("/App_Data/db.txt"))).isEqualTo(FilterRule.HIDDEN_SEGMENT);

    site.webConfig(
        "sub",
        """
        <security><requestFiltering><hiddenSegments><clear/></hiddenSegments>
        </requestFiltering></security>""");
    site.file("sub/App_Data/db.txt", "");
    assertThat(site.get("/sub/App_Data/db.txt")).isInstanceOf(StaticFile.class);
  }

  @Test
  void fileExtensionsDenyListedOnesAndWithAllowUnlistedFalseEverythingUnlisted() {
    site.file("a.cs", "");
    site.file("a.txt", "");
    assertThat(rule(site.get("/a.cs")))
        .as("IIS's default list")
        .isEqualTo(FilterRule.DENIED_FILE_EXTENSION);
    site.webConfig(
        "only",
        """
        <security><requestFiltering><fileExtensions allowUnlisted="false">
          <add fileExtension=".html" allowed="true"/><add fileExtension="." allowed="true"/>
        </fileExtensions></requestFiltering></security>""");
    site.file("only/a.html", "");
    site.file("only/a.txt", "");
    site.file("only/README", "");
    assertThat(site.get("/only/a.html")).isInstanceOf(StaticFile.class);
    assertThat(site.get("/only/README")).isInstanceOf(StaticFile.class);
    assertThat(rule(site.get("/only/a.txt"))).isEqualTo(FilterRule.DENIED_FILE_EXTENSION);
    assertThat(site.get("/a.txt")).isInstanceOf(StaticFile.class);
  }

  @Test
  void requestLimitsCheckUrlQueryStringAndContentLengthFromHeadersAlone() {
    site.webConfig(
        "",
        """
        <security><requestFiltering>
          <requestLimits maxAllowedContentLength="1000" maxUrl="20" maxQueryString="5"/>
        </requestFiltering></security>""");
    site.file("a.txt", "");
    assertThat(rule(site.get("/a.txt?12345"))).isNull();
    assertThat(rule(site.get("/a.txt?123456"))).isEqualTo(FilterRule.QUERY_STRING_TOO_LONG);
    assertThat(rule(site.get("/aaaaaaaaaaaaaaaaaaaaa"))).isEqualTo(FilterRule.URL_TOO_LONG);
    assertThat(rule(post("/a.txt", "1000"))).isNull();
    assertThat(rule(post("/a.txt", "1001"))).isEqualTo(FilterRule.CONTENT_TOO_LONG);
    assertThat(FilterRule.CONTENT_TOO_LONG.status()).isEqualTo(413);
    assertThat(FilterRule.URL_TOO_LONG.status()).isEqualTo(414);
    assertThat(FilterRule.QUERY_STRING_TOO_LONG.iisCode()).isEqualTo("404.15");
  }

  @Test
  void iisDefaultContentLengthLimitIsThirtyMillionBytes() {
    site.file("a.txt", "");
    assertThat(rule(post("/a.txt", "30000000"))).isNull();
    assertThat(rule(post("/a.txt", "30000001"))).isEqualTo(FilterRule.CONTENT_TOO_LONG);
  }

  @Test
  void doubleEscapingIsRefusedUnlessAllowed() {
    site.file("a b.txt", "");
    site.file("a+b.txt", "");
    assertThat(site.get("/a%20b.txt")).isInstanceOf(StaticFile.class);
    assertThat(rule(site.get("/a%2520b.txt"))).isEqualTo(FilterRule.DOUBLE_ESCAPED);
    assertThat(rule(site.get("/a+b.txt"))).isEqualTo(FilterRule.DOUBLE_ESCAPED);
    site.webConfig("", "<security><requestFiltering allowDoubleEscaping=\"true\"/></security>");
    assertThat(site.get("/a+b.txt")).isInstanceOf(StaticFile.class);
  }

  @Test
  void verbsUrlSequencesQueryStringSequencesHeadersAndHighBitCharacters() {
    site.webConfig(
        "",
        """
        <security><requestFiltering allowHighBitCharacters="false">
          <verbs allowUnlisted="false"><add verb="GET" allowed="true"/></verbs>
          <denyUrlSequences><add sequence="~"/></denyUrlSequences>
          <denyQueryStringSequences><add sequence="script"/></denyQueryStringSequences>
          <requestLimits><headerLimits><add header="X-Big" sizeLimit="3"/></headerLimits>
          </requestLimits>
        </requestFiltering></security>""");
    site.file("a.txt", "");
    assertThat(rule(site.get("/a.txt"))).isNull();
    assertThat(rule(site.request("DELETE", "/a.txt"))).isEqualTo(FilterRule.DENIED_VERB);
    assertThat(rule(site.get("/~a.txt"))).isEqualTo(FilterRule.DENIED_URL_SEQUENCE);
    assertThat(rule(site.get("/a.txt?x=<SCRIPT>")))
        .isEqualTo(FilterRule.DENIED_QUERY_STRING_SEQUENCE);
    assertThat(rule(site.get("/%C3%A9.txt"))).isEqualTo(FilterRule.HIGH_BIT_CHARACTER);
    assertThat(rule(site.get("/a.txt", Map.of("X-Big", "1234"), false, 80)))
        .isEqualTo(FilterRule.HEADER_TOO_LONG);
  }

  @Test
  void aRewriteCannotReachAHiddenSegment() {
    site.webConfig(
        "",
        """
        <rewrite><rules><rule name="r"><match url="^download/(.*)"/>
          <action type="Rewrite" url="App_Data/{R:1}"/></rule></rules></rewrite>""");
    site.file("App_Data/db.txt", "");
    assertThat(rule(site.get("/download/db.txt"))).isEqualTo(FilterRule.HIDDEN_SEGMENT);
  }

  @Test
  void badValuesNameTheLine() {
    site.webConfig(
        "",
        """
        <security><requestFiltering>
          <requestLimits maxAllowedContentLength="lots"/>
        </requestFiltering></security>""");
    assertThat(site.get("/a.txt"))
        .isInstanceOfSatisfying(
            ConfigError.class,
            error -> {
              assertThat(error.line()).isEqualTo(5);
              assertThat(error.message()).contains("maxAllowedContentLength", "whole number");
            });
    site.webConfig(
        "",
        """
        <security><requestFiltering><fileExtensions>
          <add fileExtension="js" allowed="false"/>
        </fileExtensions></requestFiltering></security>""");
    assertThat(site.get("/a.txt"))
        .isInstanceOfSatisfying(
            ConfigError.class,
            error -> {
              assertThat(error.line()).isEqualTo(5);
              assertThat(error.message()).contains("starts with a dot");
            });
  }

  private Resolution post(String uri, String contentLength) {
    return site.resolver()
        .resolve(
            new RequestFacts(
                "POST",
                uri,
                null,
                name -> name.equalsIgnoreCase("content-length") ? contentLength : null,
                false,
                "localhost",
                80,
                "127.0.0.1"));
  }

  private static FilterRule rule(Resolution resolution) {
    return resolution instanceof Filtered filtered ? filtered.rule() : null;
  }
}
