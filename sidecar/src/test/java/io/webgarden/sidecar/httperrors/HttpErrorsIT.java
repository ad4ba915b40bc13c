package io.webgarden.sidecar.httperrors;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.AzureNodeWebConfig;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** httpErrors for the sidecar's own errors, through a real sidecar. */
class HttpErrorsIT {
  @TempDir Path root;

  @Test
  void byDefaultALocalClientGetsIisDetailedPageWithTheSubstatusAndTheRealStatus() {
    new TestSite(root).file("bin/a.txt", "secret");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> hidden = sidecar.get("/bin/a.txt");
      assertThat(hidden.statusCode()).isEqualTo(404);
      assertThat(hidden.headers().firstValue("webgarden-error")).hasValue("hidden-segment");
      assertThat(hidden.body())
          .contains(
              "HTTP Error 404.8 - Not Found",
              "deny a request that contains a hidden segment",
              "hiddenSegments")
          .doesNotContain("secret");
      assertThat(sidecar.get("/nothing.html").body()).contains("HTTP Error 404 - Not Found");
    }
  }

  @Test
  void customModeSendsTheConfiguredFileExecuteUrlOrRedirectAndIisPageWhenRemoved() {
    new TestSite(root)
        .file(
            "web.config",
            TestSite.webConfig(
                """
        <httpErrors errorMode="Custom">
          <remove statusCode="404"/>
          <error statusCode="404" path="errors\\404.html" responseMode="File"/>
          <error statusCode="404" subStatusCode="3" path="/errors/type.html"
              responseMode="ExecuteURL"/>
          <error statusCode="403" path="https://example.org/no" responseMode="Redirect"/>
        </httpErrors>"""))
        .file("errors/404.html", "<p>our 404</p>")
        .file("errors/type.html", "<p>no type</p>")
        .file("a.unknownext", "x")
        .file("folder/x.txt", "x")
        .file(
            "sub/web.config",
            TestSite.webConfig("<httpErrors><remove statusCode=\"404\"/></httpErrors>"))
        .file(
            "escape/web.config",
            TestSite.webConfig(
                """
            <httpErrors><error statusCode="404" path="../../../../../../etc/passwd"/>
            </httpErrors>"""));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> missing = sidecar.get("/missing.txt");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("<p>our 404</p>");
      assertThat(missing.headers().firstValue("webgarden-error")).hasValue("not-found");

      HttpResponse<String> type = sidecar.get("/a.unknownext");
      assertThat(type.statusCode()).as("404.3 has its own entry").isEqualTo(404);
      assertThat(type.body()).isEqualTo("<p>no type</p>");

      HttpResponse<String> forbidden = sidecar.get("/folder/");
      assertThat(forbidden.statusCode()).isEqualTo(302);
      assertThat(forbidden.headers().firstValue("location")).hasValue("https://example.org/no");

      HttpResponse<String> removed = sidecar.get("/sub/missing.txt");
      assertThat(removed.statusCode()).isEqualTo(404);
      assertThat(removed.body())
          .contains("404 - File or directory not found.")
          .doesNotContain("our 404");

      HttpResponse<String> escape = sidecar.get("/escape/missing.txt");
      assertThat(escape.statusCode()).isEqualTo(404);
      assertThat(escape.body())
          .contains("404 - File or directory not found.")
          .doesNotContain("root:");
    }
  }

  @Test
  void passThroughLeavesTheAppsOwn404AndTheBareResponse() throws Exception {
    String app =
        """
        require('http').createServer((req, res) => {
          res.writeHead(404, {'Content-Type': 'application/json'});
          res.end(JSON.stringify({error: 'no such user', url: req.url}));
        }).listen(process.env.PORT);
        """;
    new TestSite(root).file("web.config", AzureNodeWebConfig.XML).file("server.js", app);
    Files.createDirectories(root.resolve("App_Data"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> fromApp = sidecar.get("/api/users/7");
      assertThat(fromApp.statusCode()).isEqualTo(404);
      assertThat(fromApp.body()).contains("no such user");
      HttpResponse<String> own = sidecar.get("/App_Data/x");
      assertThat(own.statusCode()).isEqualTo(404);
      assertThat(own.body()).isEqualTo("404 Not Found\n");
    }
  }

  @Test
  void aBadErrorModeIsAConfigurationErrorNamingTheLine() {
    new TestSite(root)
        .file(
            "web.config",
            TestSite.webConfig(
                """
        <httpErrors
            errorMode="Verbose"/>"""))
        .file("a.txt", "x");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> response = sidecar.get("/a.txt");
      assertThat(response.headers().firstValue("webgarden-error")).hasValue("config-error");
      assertThat(response.body())
          .contains("web.config line 4", "errorMode", "DetailedLocalOnly, Custom or Detailed");
    }
  }
}
