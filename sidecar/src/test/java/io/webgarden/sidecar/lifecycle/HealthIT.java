package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.alive;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.app;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.async;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health pings find hung processes; they are replaced, or orphaned for diagnosis. */
class HealthIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final String PINGS =
      "healthCheckPath=\"/health\" healthCheckIntervalMs=\"200\" healthCheckTimeoutMs=\"400\"";

  @TempDir Path root;

  @Test
  void aHungProcessIsReplacedThenKilledWithoutWaitingForItsStuckRequests() {
    new TestSite(root).handler("", "app.js", PINGS).file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long hung = pid(sidecar.get("/app.js/hang"));
      CompletableFuture<Instant> exited = LifecycleLab.exitTime(hung);
      CompletableFuture<HttpResponse<String>> stuck = async(sidecar, "/app.js");

      // Well within gracefulShutdownTimeout (60 s): a hung process is not drained.
      await().atMost(DEADLINE).until(exited::isDone);
      long replacement = pid(sidecar.get("/app.js"));
      assertThat(replacement).isNotEqualTo(hung);
      assertThat(pid(stuck.join()))
          .as("the stuck GET is retried on the replacement")
          .isEqualTo(replacement);
      assertThat(LifecycleLab.startOf(replacement).orElseThrow())
          .as("the replacement started before the hung process was stopped")
          .isBefore(exited.join());
    }
  }

  @Test
  void anOrphanedHungProcessRunsTheOrphanCommandGetsNoRequestsAndIsKilledLater() throws Exception {
    Path marker = root.resolve("orphan.txt");
    new TestSite(root)
        .handler(
            "",
            "app.js",
            PINGS
                + " orphanHungProcesses=\"true\""
                + " orphanTimeoutMs=\"2000\" orphanCommand=\"echo {pid} &gt; "
                + marker
                + "\"")
        .file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long hung = pid(sidecar.get("/app.js/hang"));

      await()
          .atMost(DEADLINE)
          .until(() -> Files.exists(marker) && !Files.readString(marker).isBlank());
      assertThat(Files.readString(marker).strip()).isEqualTo(Long.toString(hung));
      assertThat(alive(hung)).as("left running for orphanTimeoutMs").isTrue();
      for (int i = 0; i < 5; i++) {
        assertThat(pid(sidecar.get("/app.js"))).isNotEqualTo(hung);
      }

      await().atMost(DEADLINE).until(() -> !alive(hung));
    }
  }
}
