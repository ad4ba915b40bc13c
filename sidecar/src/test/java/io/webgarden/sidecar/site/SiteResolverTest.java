package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.Resolution.ConfigError;
import io.webgarden.sidecar.site.Resolution.NodeApp;
import io.webgarden.sidecar.site.Resolution.NotFound;
import io.webgarden.sidecar.site.Resolution.Redirect;
import io.webgarden.sidecar.site.Resolution.Refused;
import io.webgarden.sidecar.site.Resolution.StaticFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteResolverTest {
  @TempDir Path root;
  private SiteFixture site;

  @BeforeEach
  void setUp() {
    site = new SiteFixture(root);
  }

  @Test
  void anExactHandlerMakesThatFileANodeAppWithPathInfo() {
    site.webConfig("app", SiteFixture.iisnodeHandler("hello.js"));
    Path script = site.file("app/hello.js", "");
    site.file("app/other.js", "");

    assertThat(site.get("/app/hello.js/some/path?x=1"))
        .isInstanceOfSatisfying(
            NodeApp.class,
            app -> {
              assertThat(app.script()).isEqualTo(script);
              assertThat(app.scriptUrl()).isEqualTo("/app/hello.js");
              assertThat(app.pathInfo()).isEqualTo("/some/path");
              assertThat(app.chain())
                  .extracting(WebConfig::file)
                  .containsExactly(root.resolve("app/web.config"));
              assertThat(app.rewrittenUrl()).isEqualTo("/app/hello.js/some/path?x=1");
            });
    assertThat(site.get("/app/HELLO.JS")).isInstanceOf(NotFound.class); // no such file on Linux
    assertThat(site.get("/app/other.js")).isInstanceOf(StaticFile.class);
    assertThat(site.get("/app/other.js/extra")).isInstanceOf(NotFound.class);
    assertThat(site.get("/app/missing.js")).isInstanceOf(NotFound.class);
  }

  @Test
  void aWildcardHandlerMapsEveryMatchingFileInTheFolderAndBelow() {
    site.webConfig("", SiteFixture.iisnodeHandler("*.js"));
    site.file("a.js", "");
    site.file("deep/er/b.js", "");
    site.file("style.css", "");
    site.file("data.json", "");

    assertThat(site.get("/a.js")).isInstanceOf(NodeApp.class);
    assertThat(site.get("/data.json")).isInstanceOf(StaticFile.class);
    assertThat(site.get("/deep/er/b.js/x/"))
        .isInstanceOfSatisfying(
            NodeApp.class,
            app -> {
              assertThat(app.scriptUrl()).isEqualTo("/deep/er/b.js");
              assertThat(app.pathInfo()).isEqualTo("/x/");
            });
    assertThat(site.get("/style.css"))
        .isInstanceOfSatisfying(
            StaticFile.class, file -> assertThat(file.file()).isEqualTo(root.resolve("style.css")));
  }

  @Test
  void aVerbOutsideTheHandlersListIsRefusedWith405() {
    site.webConfig(
        "", "<handlers><add name='n' path='app.js' verb='GET,POST' modules='iisnode'/></handlers>");
    site.file("app.js", "");

    assertThat(site.request("POST", "/app.js")).isInstanceOf(NodeApp.class);
    assertThat(site.request("get", "/app.js")).isInstanceOf(NodeApp.class);
    assertThat(site.request("DELETE", "/app.js"))
        .isInstanceOfSatisfying(
            Refused.class,
            refused -> {
              assertThat(refused.status()).isEqualTo(405);
              assertThat(refused.reason()).contains("DELETE", "GET,POST");
            });
  }

  @Test
  void theFirstMatchingHandlerWinsSoAnEarlierStaticHandlerShadowsIisnode() {
    site.webConfig(
        "",
        "<handlers><add name='s' path='public.js' verb='*' modules='StaticFileModule'/>"
            + "<add name='n' path='*.js' verb='*' modules='iisnode'/></handlers>");
    site.file("public.js", "");
    site.file("server.js", "");

    assertThat(site.get("/public.js")).isInstanceOf(StaticFile.class);
    assertThat(site.get("/server.js")).isInstanceOf(NodeApp.class);
  }

  @Test
  void aFolderUrlWithoutSlashIsRedirectedKeepingTheQuery() {
    site.folder("docs");

    assertThat(site.get("/docs?page=2")).isEqualTo(new Redirect(301, "/docs/?page=2"));
    assertThat(site.get("/docs")).isEqualTo(new Redirect(301, "/docs/"));
  }

  @Test
  void aFolderUrlServesTheFirstExistingDefaultDocument() {
    site.file("docs/index.html", "");
    site.file("docs/default.htm", "");

    assertThat(site.get("/docs/"))
        .isInstanceOfSatisfying(
            StaticFile.class,
            file -> assertThat(file.file()).isEqualTo(root.resolve("docs/default.htm")));
    assertThat(SiteFixture.refusedStatus(site.get("/"))).isEqualTo(403);
  }

  @Test
  void aNodeAppCanBeTheDefaultDocument() {
    site.webConfig(
        "",
        SiteFixture.iisnodeHandler("server.js")
            + "<defaultDocument><files><add value='server.js'/></files></defaultDocument>");
    site.file("index.html", "");
    site.file("server.js", "");

    assertThat(site.get("/?a=b"))
        .isInstanceOfSatisfying(
            NodeApp.class,
            app -> {
              assertThat(app.scriptUrl()).isEqualTo("/server.js");
              assertThat(app.pathInfo()).isEmpty();
            });
  }

  @Test
  void defaultDocumentsFollowRemoveClearAndEnabledAlongTheChain() {
    site.file("a/index.html", "");
    site.file("a/home.html", "");
    site.webConfig(
        "a",
        "<defaultDocument><files><remove value='INDEX.html'/><add"
            + " value='home.html'/></files></defaultDocument>");
    site.file("a/b/index.html", "");
    site.webConfig("a/b", "<defaultDocument enabled='false'/>");
    site.file("a/c/index.html", "");
    site.webConfig("a/c", "<defaultDocument><files><clear/></files></defaultDocument>");

    assertThat(site.get("/a/"))
        .isInstanceOfSatisfying(
            StaticFile.class,
            file -> assertThat(file.file()).isEqualTo(root.resolve("a/home.html")));
    assertThat(SiteFixture.refusedStatus(site.get("/a/b/"))).isEqualTo(403);
    assertThat(site.get("/a/c/")).isInstanceOf(Refused.class);
  }

  @Test
  void configurationAndDotFilesAreNotFound() {
    site.webConfig("", SiteFixture.iisnodeHandler("*.js"));
    site.file("iisnode.yml", "loggingEnabled: false");
    site.file(".env", "SECRET=1");
    site.file(".git/config", "");
    site.file("app.js", "");

    assertThat(site.get("/web.config")).isInstanceOf(NotFound.class);
    assertThat(site.get("/WEB.CONFIG")).isInstanceOf(NotFound.class);
    assertThat(site.get("/iisnode.yml")).isInstanceOf(NotFound.class);
    assertThat(site.get("/.env")).isInstanceOf(NotFound.class);
    assertThat(site.get("/.git/config")).isInstanceOf(NotFound.class);
    assertThat(site.get("/%2egit/config")).isInstanceOf(NotFound.class);
    assertThat(site.get("/app.js/.env")).isInstanceOf(NotFound.class);
  }

  @Test
  void traversalIsRefusedWhateverTheEncoding() {
    site.file("ok.txt", "");

    assertThat(site.get("/../etc/passwd"))
        .isEqualTo(new Refused(403, "'.' or '..' segment in the request path"));
    assertThat(SiteFixture.refusedStatus(site.get("/%2e%2e/%2e%2e/etc/passwd"))).isEqualTo(403);
    assertThat(SiteFixture.refusedStatus(site.get("/..%2fetc%2fpasswd"))).isEqualTo(403);
    assertThat(SiteFixture.refusedStatus(site.get("/..\\etc\\passwd"))).isEqualTo(400);
    assertThat(SiteFixture.refusedStatus(site.get("/ok.txt%00.js"))).isEqualTo(400);
  }

  @Test
  void doubleEncodingIsDecodedOnlyOnce() {
    site.file("%41.txt", "");
    site.file("A.txt", "");
    assertThat(site.get("/%2541.txt"))
        .as("IIS refuses double escapes by default (404.11)")
        .isInstanceOf(Resolution.Filtered.class);
    site.webConfig("", "<security><requestFiltering allowDoubleEscaping=\"true\"/></security>");

    assertThat(site.get("/%2541.txt"))
        .isInstanceOfSatisfying(
            StaticFile.class, file -> assertThat(file.file()).isEqualTo(root.resolve("%41.txt")));
    assertThat(site.get("/%252e%252e/%252e%252e/etc/passwd")).isInstanceOf(NotFound.class);
  }

  @Test
  void symlinksInsideTheRootAreFollowedAndOnesLeavingItRefused(@TempDir Path outside)
      throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "secret");
    site.file("real/page.html", "");
    Files.createSymbolicLink(root.resolve("inside"), root.resolve("real"));
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));

    assertThat(site.get("/inside/page.html")).isInstanceOf(StaticFile.class);
    assertThat(SiteFixture.refusedStatus(site.get("/escape/secret.txt"))).isEqualTo(403);
    assertThat(SiteFixture.refusedStatus(site.get("/secret.txt"))).isEqualTo(403);
  }

  @Test
  void aMalformedWebConfigOnTheChainIsAConfigErrorOnlyForThatChain() {
    site.file("broken/web.config", "<configuration>\n<system.webServer>\n</configuration>");
    site.file("broken/page.html", "");
    site.file("fine/page.html", "");

    assertThat(site.get("/broken/page.html"))
        .isInstanceOfSatisfying(
            ConfigError.class,
            error -> {
              assertThat(error.file()).isEqualTo(root.resolve("broken/web.config"));
              assertThat(error.line()).isEqualTo(3);
              assertThat(error.message()).contains("not well-formed");
            });
    assertThat(site.get("/fine/page.html")).isInstanceOf(StaticFile.class);
  }

  @Test
  void applicationsAreTheFilesIisnodeHandlersMap() throws Exception {
    site.webConfig("", SiteFixture.iisnodeHandler("server.js"));
    site.file("server.js", "");
    site.file("lib/util.js", "");
    site.webConfig("api", SiteFixture.iisnodeHandler("*.js"));
    site.file("api/a.js", "");
    site.file("api/b.js", "");
    site.file("api/readme.md", "");
    site.file("api/node_modules/dep/index.js", "");
    site.file("api/iisnode/log.js", "");
    site.file("api/.cache/c.js", "");

    assertThat(site.resolver().applications())
        .containsExactly(
            root.resolve("api/a.js"), root.resolve("api/b.js"), root.resolve("server.js"));
  }

  @Test
  void theWatcherCanInvalidateThroughTheResolver() throws Exception {
    Path config = site.webConfig("", SiteFixture.iisnodeHandler("a.js"));
    site.file("a.js", "");
    site.file("b.js", "");
    FileTime time = Files.getLastModifiedTime(config);
    assertThat(site.get("/a.js")).isInstanceOf(NodeApp.class);

    site.webConfig("", SiteFixture.iisnodeHandler("b.js")); // same size and time: a stat misses it
    Files.setLastModifiedTime(config, time);
    site.resolver().invalidate(root);

    assertThat(site.get("/a.js")).isInstanceOf(StaticFile.class);
    assertThat(site.get("/b.js")).isInstanceOf(NodeApp.class);
  }
}
