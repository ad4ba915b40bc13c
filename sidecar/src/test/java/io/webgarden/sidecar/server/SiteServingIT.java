package io.webgarden.sidecar.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.AzureNodeWebConfig;
import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site model over real HTTP: node apps, static files and IIS's rules side by side. */
class SiteServingIT {
  @TempDir Path root;

  @Test
  void runsTheAzureGeneratedWebConfigUnchanged() {
    new TestSite(root)
        .file("web.config", AzureNodeWebConfig.XML)
        .file("server.js", NodeApps.ECHO)
        .file("public/style.css", "body { color: green }");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> css = sidecar.get("/style.css");
      assertThat(css.statusCode()).isEqualTo(200);
      assertThat(css.body()).isEqualTo("body { color: green }");
      assertThat(css.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));

      HttpResponse<String> api = sidecar.get("/api/users?x=1");
      assertThat(api.statusCode()).isEqualTo(200);
      assertThat(api.body()).contains("\"url\":\"/api/users?x=1\"");
    }
  }

  @Test
  void servesStaticFilesBesideNodeAppsAndHidesConfiguration() {
    new TestSite(root)
        .handler("", "app.js", "")
        .file("app.js", NodeApps.ECHO)
        .file("iisnode.yml", "maxLogFiles: 3\n")
        .file("index.html", "<p>home</p>")
        .file(".env", "SECRET=1")
        .file("assets/.git/config", "x");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(sidecar.get("/app.js").statusCode()).isEqualTo(200);
      HttpResponse<String> home = sidecar.get("/");
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body()).isEqualTo("<p>home</p>");
      assertThat(home.headers().firstValue("etag")).isPresent();

      for (String hidden :
          new String[] {
            "/web.config", "/iisnode.yml", "/.env", "/assets/.git/config", "/WEB.CONFIG"
          }) {
        HttpResponse<String> response = sidecar.get(hidden);
        assertThat(response.statusCode()).as(hidden).isEqualTo(404);
        // The detailed error page names the URL, never what the file holds.
        assertThat(response.body()).as(hidden).doesNotContain("SECRET", "modules=", "maxLogFiles");
      }
    }
  }

  @Test
  void aNodeAppCanBeTheDefaultDocument() {
    new TestSite(root)
        .file(
            "web.config",
            """
        <configuration><system.webServer>
          <handlers><add name="iisnode" path="server.js" verb="*" modules="iisnode"/></handlers>
          <defaultDocument><files><clear/><add value="server.js"/></files></defaultDocument>
        </system.webServer></configuration>
        """)
        .file("server.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> response = sidecar.get("/?q=1");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"url\":\"/?q=1\"");
    }
  }

  @Test
  void refusesPathTraversalInEveryForm() throws Exception {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "TOP SECRET");
    Path site = Files.createDirectories(root.resolve("site"));
    Files.writeString(site.resolve("ok.txt"), "fine");
    Files.createSymbolicLink(site.resolve("escape"), outside);
    try (RunningSidecar sidecar = RunningSidecar.start(site)) {
      assertThat(raw(sidecar, "/ok.txt")).startsWith("HTTP/1.1 200");
      for (String attack :
          new String[] {
            "/../outside/secret.txt",
            "/%2e%2e/outside/secret.txt",
            "/%2E%2E%2Foutside%2Fsecret.txt",
            "/..%5coutside%5csecret.txt",
            "/ok.txt/../../outside/secret.txt",
            "/escape/secret.txt",
            "/%252e%252e/outside/secret.txt",
            "/ok.txt%00.html"
          }) {
        String response = raw(sidecar, attack);
        assertThat(response)
            .as(attack)
            .doesNotContain("TOP SECRET")
            .matches("(?s)HTTP/1.1 (400|403|404) .*");
      }
    }
  }

  @Test
  void aMalformedWebConfigAnswersWithAPageNamingFileAndLineAndOtherAppsKeepWorking() {
    new TestSite(root)
        .handler("good", "app.js", "")
        .file("good/app.js", NodeApps.ECHO)
        .file("bad/web.config", "<configuration>\n<system.webServer>\n<handlers>\n</configuration>")
        .file("bad/app.js", NodeApps.ECHO)
        .handler("typo", "app.js", "nodeProcessCount=\"2\"")
        .file("typo/app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> bad = sidecar.get("/bad/app.js");
      assertThat(bad.statusCode()).as("iisnode's convention with devErrorsEnabled").isEqualTo(200);
      assertThat(bad.headers().firstValue("webgarden-error")).hasValue("config-error");
      assertThat(bad.body()).contains("bad/web.config", "line 4");

      HttpResponse<String> typo = sidecar.get("/typo/app.js");
      assertThat(typo.headers().firstValue("webgarden-error")).hasValue("config-error");
      assertThat(typo.body())
          .contains("typo/web.config", "unknown iisnode attribute", "nodeProcessCount");

      assertThat(sidecar.get("/good/app.js").statusCode()).isEqualTo(200);
    }
    try (RunningSidecar sidecar =
        RunningSidecar.start(root, Map.of("IISNODE_devErrorsEnabled", "false"), null)) {
      HttpResponse<String> bad = sidecar.get("/bad/app.js");
      assertThat(bad.statusCode()).isEqualTo(500);
      assertThat(bad.headers().firstValue("webgarden-error")).hasValue("config-error");
    }
  }

  /** Sends a request line byte for byte, so no client library normalises the path. */
  static String raw(RunningSidecar sidecar, String target) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", sidecar.sidecar().port())) {
      socket.setSoTimeout(10_000); // a sidecar that never answers fails the test, not the build
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
