package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.Resolution.NodeApp;
import io.webgarden.sidecar.site.Resolution.StaticFile;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web.config that Azure App Service generates for a Node app, unchanged. Its StaticContent rule
 * rewrites every URL to {@code public{REQUEST_URI}}: REQUEST_URI is the original URL with its
 * leading slash (and its query), so {@code /style.css} becomes {@code /public/style.css} and files
 * in {@code public/} are served at the site root. Everything that is then not a file goes to
 * server.js, which sees the original URL.
 */
class AzureNodeWebConfigTest {
  @TempDir Path root;
  private SiteFixture site;
  private Path server;

  @BeforeEach
  void setUp() {
    site = new SiteFixture(root);
    site.file("web.config", AzureNodeWebConfig.XML);
    server = site.file("server.js", "require('http').createServer().listen(process.env.PORT)");
    site.file("public/style.css", "body {}");
    site.file("public/index.html", "<h1>hi</h1>");
  }

  /** Asserts that the URL goes to server.js with the given path info. */
  private NodeApp serverJs(String uri, String pathInfo) {
    Resolution resolution = site.get(uri);
    assertThat(resolution).isInstanceOf(NodeApp.class);
    NodeApp app = (NodeApp) resolution;
    assertThat(app.script()).isEqualTo(server);
    assertThat(app.scriptUrl()).isEqualTo("/server.js");
    assertThat(app.pathInfo()).isEqualTo(pathInfo);
    assertThat(app.chain()).extracting(WebConfig::file).containsExactly(root.resolve("web.config"));
    return app;
  }

  @Test
  void theRootGoesToServerJs() {
    // "/" → "public/" (a folder, not a file) → DynamicContent → server.js
    assertThat(serverJs("/", "").rewrittenUrl()).isEqualTo("/server.js");
  }

  @Test
  void filesInPublicAreServedAtTheSiteRoot() {
    assertThat(site.get("/style.css?v=3"))
        .isInstanceOfSatisfying(
            StaticFile.class,
            file -> assertThat(file.file()).isEqualTo(root.resolve("public/style.css")));
  }

  @Test
  void aUrlNamingPublicItselfIsNotAFileAfterTheRewriteSoNodeGetsIt() {
    // As on IIS: /public/style.css becomes public/public/style.css, which does not exist.
    assertThat(serverJs("/public/style.css", "").rewrittenUrl()).isEqualTo("/server.js");
  }

  @Test
  void dynamicUrlsGoToServerJsAndTheRewrittenUrlIsOnlyForDiagnostics() {
    // REQUEST_URI carries the query, and appendQueryString adds it again, as on IIS. The node
    // process is given the original URL; this one is for diagnostics.
    assertThat(serverJs("/api/users?x=1", "").rewrittenUrl()).isEqualTo("/server.js?x=1&x=1");
  }

  @Test
  void theInspectorPathStopsTheRulesAndReachesServerJsWithPathInfo() {
    assertThat(serverJs("/server.js/debug", "/debug").rewrittenUrl()).isEqualTo("/server.js/debug");
  }

  @Test
  void theConfigurationStaysHidden() {
    assertThat(site.get("/web.config")).isInstanceOf(Resolution.NotFound.class);
  }
}
