package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostingIT {
  @TempDir Path root;

  @Test
  void demandStartsTheAppWhichSeesTheOriginalUrlAndItsEnvironment() throws Exception {
    new TestSite(root)
        .handler("app", "hello.js", "")
        .file("app/hello.js", NodeApps.ECHO)
        .file(
            "app/web.config",
            """
            <configuration>
              <appSettings><add key="GREETING" value="hi there"/><add key="" value="x"/></appSettings>
              <system.webServer>
                <handlers><add name="iisnode" path="hello.js" verb="*" modules="iisnode"/></handlers>
              </system.webServer>
            </configuration>
            """);
    try (RunningSidecar sidecar = RunningSidecar.start(root, Map.of("NODE_ENV", "staging"), null)) {
      HttpResponse<String> response = sidecar.get("/app/hello.js/some/path?q=1");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("\"url\":\"/app/hello.js/some/path?q=1\"")
          .contains("\"GREETING\":\"hi there\"")
          .contains("\"NODE_ENV\":\"staging\"")
          .contains("\"IISNODE_VERSION\":\"0.2.26\"")
          .contains(
              "\"cwd\":\"" + root.resolve("app").toRealPath().toString().replace("\\", "\\\\"));
      assertThat(response.body()).containsPattern("\"PORT\":\"/[^\"]+\\.sock\"");
    }
  }

  @Test
  void twoProcessesTakeTurns() {
    new TestSite(root)
        .handler("", "*.js", "nodeProcessCountPerApplication=\"2\"")
        .file("garden.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      // The first request is served as soon as one process listens; wait for the second.
      Set<Long> seen = new HashSet<>();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> seen.add(NodeApps.pid(sidecar.get("/garden.js"))) && seen.size() == 2);
      long first = NodeApps.pid(sidecar.get("/garden.js"));
      long second = NodeApps.pid(sidecar.get("/garden.js"));
      long third = NodeApps.pid(sidecar.get("/garden.js"));
      long fourth = NodeApps.pid(sidecar.get("/garden.js"));

      assertThat(first).isNotEqualTo(second);
      assertThat(third).isEqualTo(first);
      assertThat(fourth).isEqualTo(second);
    }
  }

  @Test
  void iisnodeYmlOverridesWebConfigAndTheEnvironmentOverridesBoth() {
    new TestSite(root)
        .handler("", "app.js", "node_env=\"fromwebconfig\"")
        .file("app.js", NodeApps.ECHO)
        .file("iisnode.yml", "# comment\n\nnode_env: fromyml\n");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(sidecar.get("/app.js").body()).contains("\"NODE_ENV\":\"fromyml\"");
    }
    try (RunningSidecar sidecar =
        RunningSidecar.start(root, Map.of("IISNODE_node_env", "fromenv"), null)) {
      assertThat(sidecar.get("/app.js").body()).contains("\"NODE_ENV\":\"fromenv\"");
    }
  }

  @Test
  void settingsFileSitsBetweenIisnodeYmlAndTheEnvironment() throws Exception {
    new TestSite(root)
        .handler("site", "app.js", "")
        .file("site/app.js", NodeApps.ECHO)
        .file("site/iisnode.yml", "node_env: fromyml\n")
        .file("settings.yml", "node_env: fromsettings\n");
    try (RunningSidecar sidecar =
        RunningSidecar.start(root.resolve("site"), Map.of(), root.resolve("settings.yml"))) {
      assertThat(sidecar.get("/app.js").body()).contains("\"NODE_ENV\":\"fromsettings\"");
    }
  }
}
