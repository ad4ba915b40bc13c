package io.webgarden.sidecar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.SidecarJar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken configuration is never silent: the jar's log and GET /apps say what and where. */
class ConfigErrorsIT {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static final Map<String, String> QUIET = Map.of("IISNODE_accessLogEnabled", "false");

  @TempDir Path root;

  @Test
  void brokenConfigurationIsLoggedOncePerChangeAndListedByTheAdminPort() throws Exception {
    new TestSite(root)
        .handler("ok", "app.js", "")
        .file("ok/app.js", NodeApps.ECHO)
        .handler("bad", "app.js", "nodeProcessCountPerApplication=\"lots\"")
        .file("bad/app.js", NodeApps.ECHO)
        .file(
            "broken/web.config",
            "<configuration>\n  <system.webServer>\n    <handlers>\n"
                + "  </system.webServer>\n</configuration>\n");
    try (SidecarJar jar = SidecarJar.start(root, QUIET)) {
      String brokenFile = root.resolve("broken/web.config").toString();
      String logged = jar.awaitLine(line -> line.contains(brokenFile + ":"));
      assertThat(logged).containsPattern("web\\.config:4:\\d+: ").contains("ERROR");
      jar.awaitLine(
          line -> line.contains("/bad/app.js") && line.contains("nodeProcessCountPerApplication"));

      assertThat(get(jar, "/broken/x.html").headers().firstValue("webgarden-error"))
          .hasValue("config-error");
      assertThat(get(jar, "/ok/app.js").statusCode()).isEqualTo(200);

      JsonObject apps = new JsonObject(jar.admin("/apps").body());
      JsonObject bad =
          apps.getJsonArray("applications").stream()
              .map(JsonObject.class::cast)
              .filter(app -> app.getString("name").equals("/bad/app.js"))
              .findFirst()
              .orElseThrow();
      assertThat(bad.getString("state")).isEqualTo("config-error");
      assertThat(bad.getString("error")).contains("nodeProcessCountPerApplication", "lots");
      JsonArray configErrors = apps.getJsonArray("configErrors");
      assertThat(configErrors).hasSize(1);
      assertThat(configErrors.getString(0)).startsWith(brokenFile + ":4:");

      HttpResponse<String> recycle =
          CLIENT.send(
              HttpRequest.newBuilder(jar.adminUri("/apps/bad/app.js/recycle"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(recycle.statusCode()).isEqualTo(409);
      assertThat(recycle.headers().firstValue("webgarden-error")).hasValue("config-error");
      assertThat(recycle.body()).contains("nodeProcessCountPerApplication");

      // A changed file is logged again, with its new position; unchanged, it is not.
      Files.writeString(root.resolve("broken/web.config"), "<configuration>\n  <oops\n");
      await()
          .atMost(SidecarJar.DEADLINE)
          .until(
              () -> {
                get(jar, "/broken/x.html");
                return logLines(jar, brokenFile).size() == 2;
              });
      IntStream.range(0, 3).forEach(i -> get(jar, "/broken/x.html"));
      assertThat(logLines(jar, brokenFile)).hasSize(2);
      assertThat(logLines(jar, brokenFile).get(1)).containsPattern("web\\.config:3:\\d+: ");
    }
  }

  @Test
  void iisnodeYmlMistakesKeepIisnodesWordsAndTyposAreWarnedWithTheNearestName() throws Exception {
    new TestSite(root)
        .handler("typo", "app.js", "")
        .file("typo/app.js", NodeApps.THROWS_AT_LOAD)
        .file("typo/iisnode.yml", "# more processes\nnodeProcesCountPerApplication: 3\n")
        .handler("yml", "app.js", "")
        .file("yml/app.js", NodeApps.ECHO)
        .file("yml/iisnode.yml", "loggingEnabled: true\njust words\n");
    try (SidecarJar jar = SidecarJar.start(root, QUIET)) {
      String warned = jar.awaitLine(line -> line.contains("nodeProcesCount"));
      assertThat(warned)
          .contains(
              "WARN",
              root.resolve("typo/iisnode.yml")
                  + ":2: unknown setting"
                  + " `nodeProcesCountPerApplication` ignored; did you mean"
                  + " `nodeProcessCountPerApplication`?");

      HttpResponse<String> page = get(jar, "/typo/app.js");
      assertThat(page.headers().firstValue("webgarden-error")).hasValue("app-start-failed");
      assertThat(page.body())
          .contains(
              "unknown setting `nodeProcesCountPerApplication` ignored;"
                  + " did you mean `nodeProcessCountPerApplication`?");

      HttpResponse<String> yml = get(jar, "/yml/app.js");
      assertThat(yml.headers().firstValue("webgarden-error")).hasValue("config-error");
      assertThat(yml.body())
          .contains(
              "expected `key: value`",
              "iisnode was unable to read the configuration file iisnode.yml",
              root.resolve("yml/iisnode.yml") + ", line 2");
    }
  }

  private static List<String> logLines(SidecarJar jar, String file) {
    return jar.stdout().stream().filter(line -> line.contains(file + ":")).toList();
  }

  private static HttpResponse<String> get(SidecarJar jar, String path) {
    try {
      return jar.get(path);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
