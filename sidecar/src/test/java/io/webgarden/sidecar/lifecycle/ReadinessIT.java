package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.admin;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /readyz answers for the applications the pod must serve (the preloaded ones) and names every
 * application that is not ready, with the reason.
 */
class ReadinessIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path root;

  @Test
  void anOnDemandAppThatFailsToStartLeavesThePodReadyAndIsNamed() {
    new TestSite(root)
        .handler("good", "app.js", "")
        .file("good/app.js", app("v1"))
        .handler("broken", "app.js", "")
        .file("broken/app.js", "this is not javascript(\n");
    try (RunningSidecar sidecar =
        RunningSidecar.start(root, Map.of("NODE_ENV", "production"), null)) {
      assertThat(sidecar.get("/good/app.js").statusCode()).isEqualTo(200);

      HttpResponse<String> broken = sidecar.get("/broken/app.js");
      assertThat(broken.statusCode()).isGreaterThanOrEqualTo(500);

      HttpResponse<String> ready = admin(sidecar, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body())
          .startsWith("ready\n")
          .contains("not counted (starts on demand): /broken/app.js: ");
      assertThat(sidecar.get("/good/app.js").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aPreloadedAppThatFailsToStartUnreadiesThePodAndIsRetriedUntilItStarts() throws Exception {
    // Starts only once ready.flag exists: not a watched file, so no recycle helps, only a retry.
    new TestSite(root)
        .handler("", "app.js", "preloadEnabled=\"true\"")
        .file(
            "app.js",
            """
        const fs = require('fs');
        if (!fs.existsSync('ready.flag')) { throw new Error('ready.flag is missing'); }
        require('http').createServer((req, res) => res.end('ok')).listen(process.env.PORT);
        """);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      await()
          .atMost(DEADLINE)
          .until(() -> admin(sidecar, "/readyz").body().contains("/app.js: its last start failed"));
      HttpResponse<String> notReady = admin(sidecar, "/readyz");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).startsWith("not ready\n").contains("ready.flag is missing");

      Files.writeString(root.resolve("ready.flag"), "");

      // No request is sent: the back-off retry alone must bring it up.
      await().atMost(DEADLINE).until(() -> admin(sidecar, "/readyz").statusCode() == 200);
      assertThat(admin(sidecar, "/readyz").body()).isEqualTo("ready\n");
    }
  }
}
