package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.admin;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.alive;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.app;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.metric;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.pid;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm-up pages before user traffic, readiness while warming, and idle shutdown. */
class WarmupAndIdleIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir Path root;

  private TestSite site(String iisnodeAttributes, String... pages) {
    StringBuilder init = new StringBuilder();
    for (String page : pages) {
      init.append("<add initializationPage=\"").append(page).append("\"/>");
    }
    return new TestSite(root)
        .file(
            "web.config",
            """
        <configuration>
          <system.webServer>
            <handlers><add name="iisnode" path="app.js" verb="*" modules="iisnode"/></handlers>
            <iisnode %s/>
            <applicationInitialization>%s</applicationInitialization>
          </system.webServer>
        </configuration>
        """
                .formatted(iisnodeAttributes, init))
        .file("app.js", app("v1"));
  }

  @Test
  void everyNewProcessGetsThePagesBeforeUserTrafficAndReadinessWaitsForThem() {
    site("preloadEnabled=\"true\" initializationPages=\"/from-setting\"", "/slow-init?ms=1500");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(admin(sidecar, "/readyz").statusCode()).as("warming up").isEqualTo(503);
      await().atMost(DEADLINE).until(() -> admin(sidecar, "/readyz").statusCode() == 200);

      assertThat(seen(sidecar)).startsWith("/slow-init", "/from-setting", "/app.js/seen");

      post(sidecar, "/apps/app.js/recycle");
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  app(sidecar, "/app.js").getInteger("revision") == 2
                      && LifecycleLab.pids(sidecar, "/app.js", "ready").size() == 1);
      assertThat(seen(sidecar))
          .as("a recycled process warms up too")
          .startsWith("/slow-init", "/from-setting", "/app.js/seen");
      assertThat(metric(sidecar, "webgarden_warmup_failures_total", "/app.js")).isZero();
    }
  }

  @Test
  void aPageThatFailsOrTimesOutIsAWarmUpFailureAndTheProcessServesAnyway() {
    site("preloadEnabled=\"true\" processStartTimeoutMs=\"1000\"", "/fail");
    new TestSite(root)
        .handler(
            "slow",
            "app.js",
            "preloadEnabled=\"true\" processStartTimeoutMs=\"1000\" initializationPages=\"/never\"")
        .file("slow/app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      await().atMost(DEADLINE).until(() -> admin(sidecar, "/readyz").statusCode() == 200);

      assertThat(seen(sidecar)).startsWith("/fail", "/app.js/seen");
      assertThat(metric(sidecar, "webgarden_warmup_failures_total", "/app.js")).isEqualTo(1);
      HttpResponse<String> slow = sidecar.get("/slow/app.js");
      assertThat(slow.statusCode()).isEqualTo(200);
      assertThat(metric(sidecar, "webgarden_warmup_failures_total", "/slow/app.js")).isEqualTo(1);
    }
  }

  private static List<Object> seen(RunningSidecar sidecar) {
    return new JsonObject(sidecar.get("/app.js/seen").body()).getJsonArray("seen").getList();
  }

  @Test
  void idleTimeoutStopsTheProcessesAndTheNextRequestStartsThemAgain() {
    new TestSite(root).handler("", "app.js", "idleTimeoutMs=\"500\"").file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long first = pid(sidecar.get("/app.js"));

      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  app(sidecar, "/app.js").getString("state").equals("idle")
                      && app(sidecar, "/app.js").getJsonArray("processes").isEmpty());
      assertThat(alive(first)).isFalse();
      assertThat(admin(sidecar, "/readyz").statusCode()).isEqualTo(200);

      HttpResponse<String> again = sidecar.get("/app.js");

      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(pid(again)).isNotEqualTo(first);
    }
  }
}
