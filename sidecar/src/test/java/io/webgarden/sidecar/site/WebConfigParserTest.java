package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webgarden.sidecar.site.CollectionEdit.Add;
import io.webgarden.sidecar.site.CollectionEdit.Clear;
import io.webgarden.sidecar.site.CollectionEdit.Remove;
import io.webgarden.sidecar.site.rewrite.RewriteAction;
import io.webgarden.sidecar.site.rewrite.RewriteRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigParserTest {
  @TempDir Path dir;
  private final WebConfigParser parser = new WebConfigParser();

  private WebConfig parse(String xml) throws Exception {
    Path file = dir.resolve("web.config");
    Files.writeString(file, xml);
    return parser.parse(file);
  }

  private WebConfigException failure(String xml) throws Exception {
    Path file = dir.resolve("web.config");
    Files.writeString(file, xml);
    try {
      parser.parse(file);
    } catch (WebConfigException e) {
      return e;
    }
    throw new AssertionError("expected a WebConfigException");
  }

  @Test
  void readsEverySectionWebgardenUses() throws Exception {
    WebConfig config =
        parse(
"""
<?xml version="1.0"?>
<configuration>
  <appSettings>
    <add key="GREETING" value="hello"/>
    <add key="" value="skipped"/>
    <remove key="OLD"/>
    <clear/>
  </appSettings>
  <system.webServer>
    <handlers>
      <clear/>
      <add name="iisnode" path="*.js" verb="GET, post" modules="iisnode"/>
      <remove name="Static"/>
    </handlers>
    <defaultDocument enabled="false">
      <files><clear/><add value="server.js"/><remove value="index.html"/></files>
    </defaultDocument>
    <iisnode nodeProcessCountPerApplication="2"
             loggingEnabled="false"/>
    <applicationInitialization><add initializationPage="/warm" hostName="a.example"/></applicationInitialization>
    <unknownSection whatever="1"><nested/></unknownSection>
  </system.webServer>
</configuration>
""");

    assertThat(config.appSettings())
        .containsExactly(
            new Add<>("greeting", Map.entry("GREETING", "hello")),
            new Remove<>("old"),
            new Clear<>());
    assertThat(config.handlers()).hasSize(3);
    assertThat(config.handlers().get(1))
        .isInstanceOfSatisfying(
            Add.class,
            add -> {
              HandlerMapping handler = (HandlerMapping) add.item();
              assertThat(handler.path()).isEqualTo("*.js");
              assertThat(handler.verbs()).containsExactly("GET", "POST");
              assertThat(handler.isIisnode()).isTrue();
              assertThat(handler.line()).isEqualTo(12);
            });
    assertThat(config.defaultDocumentEnabled()).isFalse();
    assertThat(config.defaultDocuments())
        .containsExactly(
            new Clear<>(), new Add<>("server.js", "server.js"), new Remove<>("index.html"));
    assertThat(config.iisnode())
        .containsOnlyKeys("nodeProcessCountPerApplication", "loggingEnabled");
    assertThat(config.iisnode().get("nodeProcessCountPerApplication").line()).isEqualTo(18);
    assertThat(config.iisnode().get("loggingEnabled"))
        .isEqualTo(new Located("false", dir.resolve("web.config"), 19));
    assertThat(config.initializationPages())
        .singleElement()
        .isEqualTo(new Add<>("/warm@a.example", new InitializationPage("/warm", "a.example", 20)));
    assertThat(config.notes()).anyMatch(note -> note.contains("without a key"));
  }

  @Test
  void readsSystemWebServerInsideLocationForThisFolderAndKeepsOthersApart() throws Exception {
    WebConfig config =
        parse(
"""
<configuration>
  <location path="." inheritInChildApplications="false">
    <system.webServer><handlers><add name="n" path="app.js" verb="*" modules="iisnode"/></handlers></system.webServer>
  </location>
  <location path="admin">
    <system.webServer><handlers><add name="x" path="x.js" verb="*" modules="iisnode"/></handlers></system.webServer>
  </location>
</configuration>
""");

    assertThat(config.handlers())
        .singleElement()
        .satisfies(
            edit -> assertThat(((Add<HandlerMapping>) edit).item().path()).isEqualTo("app.js"));
    assertThat(config.notes()).isEmpty();
    assertThat(config.locations()).containsOnlyKeys("admin");
    assertThat(config.locations().get("admin").handlers())
        .singleElement()
        .satisfies(
            edit -> assertThat(((Add<HandlerMapping>) edit).item().path()).isEqualTo("x.js"));
  }

  @Test
  void readsRewriteRulesWithTheirDefaults() throws Exception {
    WebConfig config =
        parse(
"""
<configuration><system.webServer><rewrite><rules>
  <clear/>
  <rule name="Old" stopProcessing="true" patternSyntax="Wildcard">
    <match url="old/*" ignoreCase="false"/>
    <conditions logicalGrouping="MatchAny" trackAllCaptures="true">
      <add input="{HTTP_HOST}" pattern="example" />
      <add input="{REQUEST_FILENAME}" matchType="IsDirectory" negate="true"/>
    </conditions>
    <action type="Redirect" url="new/{R:1}" redirectType="Found" appendQueryString="false"/>
  </rule>
  <rule name="NoAction"/>
  <remove name="Gone"/>
</rules></rewrite></system.webServer></configuration>
""");

    assertThat(config.rewriteRules()).hasSize(4);
    RewriteRule old = ((Add<RewriteRule>) config.rewriteRules().get(1)).item();
    assertThat(old.stopProcessing()).isTrue();
    assertThat(old.matchAny()).isTrue();
    assertThat(old.trackAllCaptures()).isTrue();
    assertThat(old.conditions()).hasSize(2);
    assertThat(old.match().match("old/page")).containsExactly("old/page", "page");
    assertThat(old.match().match("OLD/page")).isNull();
    assertThat(old.action())
        .isInstanceOfSatisfying(
            RewriteAction.Redirect.class,
            redirect -> {
              assertThat(redirect.status()).isEqualTo(302);
              assertThat(redirect.appendQueryString()).isFalse();
            });
    assertThat(old.line()).isEqualTo(3);
    RewriteRule none = ((Add<RewriteRule>) config.rewriteRules().get(2)).item();
    assertThat(none.action()).isInstanceOf(RewriteAction.None.class);
    assertThat(none.match().match("anything")).isNotNull();
  }

  @Test
  void malformedXmlNamesFileLineAndColumnAndSaysHowToFixIt() throws Exception {
    WebConfigException error =
        failure(
            """
            <configuration>
              <system.webServer>
                <handlers>
                  <add name="a" path="a.js" verb="*" modules="iisnode">
                </handlers>
              </system.webServer>
            </configuration>
            """);

    assertThat(error.file()).isEqualTo(dir.resolve("web.config"));
    assertThat(error.line()).isEqualTo(5);
    assertThat(error.column()).isPositive();
    assertThat(error.getMessage())
        .startsWith(dir.resolve("web.config") + ":5:")
        .contains("not well-formed XML", "Fix the markup");
  }

  @Test
  void badAttributeValuesAreErrorsAtTheirLine() throws Exception {
    assertThat(
            failure(
                """
                <configuration><system.webServer>
                <defaultDocument enabled="yes"/>
                </system.webServer></configuration>
                """))
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem()).contains("enabled=\"yes\"", "true or false");
            });
    assertThat(
            failure(
                """
                <configuration><system.webServer><rewrite><rules>
                <rule name="r"><match url="(unclosed"/></rule>
                </rules></rewrite></system.webServer></configuration>
                """))
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.problem()).contains("rule 'r'", "not a valid ECMAScript pattern");
            });
    assertThat(
            failure(
                    """
                    <configuration><system.webServer><handlers>
                    <add name="x" verb="*" modules="iisnode"/>
                    </handlers></system.webServer></configuration>
                    """)
                .problem())
        .contains("<add> needs a non-empty 'path'");
    assertThat(
            failure(
                    """
                    <configuration><system.webServer><handlers>
                    <add name="y" path="y.js" verb="" modules="iisnode"/>
                    </handlers></system.webServer></configuration>
                    """)
                .problem())
        .contains("<add> needs a non-empty 'verb'");
    assertThat(
            failure(
                    """
                    <configuration><system.webServer><rewrite><rules>
                    <rule name="m"><action type="Rewrite" url="{Map:{R:1}}"/></rule>
                    </rules></rewrite></system.webServer></configuration>
                    """)
                .problem())
        .contains("rewrite map 'Map'");
  }

  @Test
  void refusesDoctypesSoExternalEntitiesCannotReadFiles() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
    WebConfigException error =
        failure(
            """
            <?xml version="1.0"?>
            <!DOCTYPE configuration [ <!ENTITY xxe SYSTEM "%s"> ]>
            <configuration><appSettings><add key="k" value="&xxe;"/></appSettings></configuration>
            """
                .formatted(secret.toUri()));

    assertThat(error.line()).isEqualTo(2);
    assertThat(error.problem()).contains("DOCTYPE", "not allowed").doesNotContain("top secret");
  }

  @Test
  void anUnreadableFileIsAnErrorToo() {
    assertThatThrownBy(() -> parser.parse(dir.resolve("missing/web.config")))
        .isInstanceOf(WebConfigException.class)
        .hasMessageContaining("cannot be read");
  }
}
