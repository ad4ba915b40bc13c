package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.alive;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.app;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.async;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.pid;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.pids;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.post;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.rewrite;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.version;
import static io.webgarden.sidecar.testing.Skips.assumeOrFail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlapped recycles and the recycle policies, with real node processes. */
class RecyclingIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir Path root;

  @Test
  void aSlowRequestOnTheOldProcessCompletesWhileTheNewOneServesThenTheOldOneStops() {
    new TestSite(root).handler("", "app.js", "").file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long oldPid = pid(sidecar.get("/app.js"));
      CompletableFuture<Instant> oldExited = LifecycleLab.exitTime(oldPid);
      CompletableFuture<HttpResponse<String>> slow = async(sidecar, "/app.js?ms=2500");
      await().atMost(DEADLINE).until(() -> LifecycleLab.activeRequests(sidecar, "/app.js") == 1);

      rewrite(root.resolve("app.js"), app("v2"));

      await().atMost(DEADLINE).until(() -> version(sidecar.get("/app.js")).equals("v2"));
      assertThat(slow).isNotDone();
      assertThat(alive(oldPid)).as("draining, not stopped, while its request runs").isTrue();
      HttpResponse<String> finished = slow.join();
      Instant finishedAt = Instant.now();
      assertThat(finished.statusCode()).isEqualTo(200);
      assertThat(version(finished)).isEqualTo("v1");
      assertThat(oldExited.orTimeout(10, TimeUnit.SECONDS).join())
          .isBefore(finishedAt.plusSeconds(5));
    }
  }

  @Test
  void aProcessThatWritesRecycleToTheControlPipeIsReplaced() {
    new TestSite(root)
        .handler("", "app.js", "recycleSignalEnabled=\"true\"")
        .file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assumeOrFail(
          sidecar.sidecar().startupLine().contains("unix sockets"),
          "the control pipe needs unix sockets; the sidecar uses loopback TCP ports here");
      long first = pid(sidecar.get("/app.js/recycle-me"));

      await().atMost(DEADLINE).until(() -> pid(sidecar.get("/app.js")) != first);
      await().atMost(DEADLINE).until(() -> !alive(first));
      assertThat(pids(sidecar, "/app.js", "ready")).hasSize(1).doesNotContain(first);
    }
  }

  @Test
  void recycleAfterRequestsReplacesAProcessThatServedThatMany() {
    new TestSite(root)
        .handler("", "app.js", "recycleAfterRequests=\"3\"")
        .file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long first = pid(sidecar.get("/app.js"));
      assertThat(pid(sidecar.get("/app.js"))).isEqualTo(first);
      assertThat(pid(sidecar.get("/app.js"))).isEqualTo(first);

      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  pids(sidecar, "/app.js", "ready").size() == 1
                      && !pids(sidecar, "/app.js", "ready").contains(first));
      assertThat(pid(sidecar.get("/app.js"))).isNotEqualTo(first);
    }
  }

  @Test
  void recycleAboveMemoryMbReplacesAProcessThatHoldsTooMuch() {
    new TestSite(root)
        .handler("", "app.js", "recycleAboveMemoryMB=\"150\"")
        .file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long first = pid(sidecar.get("/app.js"));
      await().atMost(DEADLINE).until(() -> memory(sidecar) > 0);
      assertThat(memory(sidecar))
          .as("a fresh node is below the limit")
          .isLessThan(150L * 1024 * 1024);

      assertThat(pid(sidecar.get("/app.js/grow?mb=200"))).isEqualTo(first);

      await().atMost(DEADLINE).until(() -> pid(sidecar.get("/app.js")) != first);
      await().atMost(DEADLINE).until(() -> !alive(first));
    }
  }

  @Test
  void getAppsReportsResidentMemoryWithoutAnyMemorySetting() {
    new TestSite(root).handler("", "app.js", "").file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      sidecar.get("/app.js");

      await().atMost(DEADLINE).until(() -> memory(sidecar) > 0);
      // A node process holds tens of MiB: this is its RSS, not a count of pages or KiB.
      assertThat(memory(sidecar)).isBetween(8L * 1024 * 1024, 1024L * 1024 * 1024);
    }
  }

  private static long memory(RunningSidecar sidecar) {
    return LifecycleLab.app(sidecar, "/app.js")
        .getJsonArray("processes")
        .getJsonObject(0)
        .getLong("memoryBytes");
  }

  @Test
  void postRecycleAnswers202WithThePidsItReplacesAndGetAppsListsProcesses() {
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"2\"")
        .file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      sidecar.get("/app.js");
      await().atMost(DEADLINE).until(() -> pids(sidecar, "/app.js", "ready").size() == 2);
      List<Long> before = pids(sidecar, "/app.js", "ready");
      JsonObject listed = LifecycleLab.app(sidecar, "/app.js");
      assertThat(listed.getString("state")).isEqualTo("running");
      JsonObject process = listed.getJsonArray("processes").getJsonObject(0);
      assertThat(process.fieldNames())
          .contains("pid", "state", "activeRequests", "servedRequests", "uptimeMs", "memoryBytes");
      assertThat(process.getLong("uptimeMs")).isPositive();

      HttpResponse<String> recycled = post(sidecar, "/apps/app.js/recycle");

      assertThat(recycled.statusCode()).isEqualTo(202);
      assertThat(
              new JsonObject(recycled.body())
                  .getJsonArray("recycling").stream().map(pid -> ((Number) pid).longValue()))
          .containsExactlyInAnyOrderElementsOf(before);
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                List<Long> now = pids(sidecar, "/app.js", "ready");
                return now.size() == 2 && now.stream().noneMatch(before::contains);
              });
      await().atMost(DEADLINE).until(() -> before.stream().noneMatch(LifecycleLab::alive));

      HttpResponse<String> unknown = post(sidecar, "/apps/nope.js/recycle");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.headers().firstValue("webgarden-error")).hasValue("unknown-app");
    }
  }
}
