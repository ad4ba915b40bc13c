package io.webgarden.sidecar.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code iisnode-debug} header on responses from node apps (debugHeaderEnabled). */
class DebugHeaderIT {
  @TempDir Path root;

  @Test
  void absentByDefault() throws Exception {
    new TestSite(root).handler("", "app.js", "").file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> response = sidecar.get("/app.js");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("iisnode-debug")).isEmpty();
    }
  }

  @Test
  void presentWithPidAndCountsWhenEnabled() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "debugHeaderEnabled=\"true\" nodeProcessCountPerApplication=\"2\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> response = sidecar.get("/app.js");

      assertThat(response.headers().firstValue("iisnode-debug"))
          .hasValueSatisfying(
              value ->
                  assertThat(value)
                      .matches(
                          "pid="
                              + NodeApps.pid(response)
                              + "; processes=[12];"
                              + " activeRequests=\\d+; queuedRequests=\\d+; queueWaitMs=\\d+; elapsedMs=\\d+;"
                              + " help=.*troubleshooting\\.md#the-iisnode-debug-header"));
    }
  }
}
