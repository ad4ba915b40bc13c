package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.admin;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.app;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.async;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.metric;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.pid;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.post;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.rewrite;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rapid-fail protection: a crashing application goes out of service until it is fixed. */
class RapidFailIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir Path root;

  @Test
  void inFlightAndQueuedRequestsGet503AtOnceAndAFileChangeOrPostRecycleBringsItBack() {
    new TestSite(root)
        .handler(
            "",
            "app.js",
            "rapidFailMaxCrashes=\"1\""
                + " maxConcurrentRequestsPerProcess=\"1\" devErrorsEnabled=\"false\"")
        .file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long pid = pid(sidecar.get("/app.js"));
      CompletableFuture<HttpResponse<String>> inFlight = async(sidecar, "/app.js?ms=20000");
      await().atMost(DEADLINE).until(() -> LifecycleLab.activeRequests(sidecar, "/app.js") == 1);
      CompletableFuture<HttpResponse<String>> queued = async(sidecar, "/app.js");
      await()
          .atMost(DEADLINE)
          .until(() -> app(sidecar, "/app.js").getInteger("queuedRequests") == 1);

      ProcessHandle.of(pid).orElseThrow().destroyForcibly();

      for (HttpResponse<String> response : new HttpResponse[] {inFlight.join(), queued.join()}) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("webgarden-error")).hasValue("app-out-of-service");
      }
      assertOutOfService(sidecar);

      rewrite(root.resolve("app.js"), app("v2"));

      await().atMost(DEADLINE).until(() -> sidecar.get("/app.js").statusCode() == 200);
      assertThat(version(sidecar.get("/app.js"))).isEqualTo("v2");
      assertThat(admin(sidecar, "/readyz").statusCode()).isEqualTo(200);
      assertThat(metric(sidecar, "webgarden_application_out_of_service", "/app.js")).isZero();

      ProcessHandle.of(pid(sidecar.get("/app.js"))).orElseThrow().destroyForcibly();
      await()
          .atMost(DEADLINE)
          .until(() -> app(sidecar, "/app.js").getString("state").equals("out_of_service"));

      assertThat(post(sidecar, "/apps/app.js/recycle").statusCode()).isEqualTo(202);

      assertThat(version(sidecar.get("/app.js"))).isEqualTo("v2");
    }
  }

  @Test
  void aCrashLoopOfTwoProcessesTripsItAtDefaultSettingsAndTheDevPageNamesTheCause() {
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"2\"")
        .file(
            "app.js",
            """
        const http = require('http');
        http.createServer((req, res) => res.end('ok')).listen(process.env.PORT);
        setTimeout(() => process.exit(9), 150);
        """);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      sidecar.get("/app.js");

      // Each poll also sends a request: on a loaded machine the process may die before it is
      // seen listening, which is a failed start, and only a request starts the next one then.
      // Five crashes and the back-off between them (100 ms doubling) take seconds.
      await()
          .atMost(DEADLINE.multipliedBy(2))
          .until(
              () -> {
                sidecar.get("/app.js");
                return app(sidecar, "/app.js").getString("state").equals("out_of_service");
              });

      HttpResponse<String> page = sidecar.get("/app.js");
      assertThat(page.headers().firstValue("webgarden-error")).hasValue("app-out-of-service");
      assertThat(page.body()).contains("rapidFailMaxCrashes", "exited with code 9");
      assertOutOfService(sidecar);
    }
  }

  private static void assertOutOfService(RunningSidecar sidecar) {
    // An on-demand application never unreadies the pod, but /readyz names it.
    HttpResponse<String> ready = admin(sidecar, "/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("/app.js: out of service: ");
    assertThat(metric(sidecar, "webgarden_application_out_of_service", "/app.js")).isEqualTo(1);
    assertThat(app(sidecar, "/app.js").getString("outOfServiceCause"))
        .contains("rapidFailMaxCrashes");
    HttpResponse<String> later = sidecar.get("/app.js");
    assertThat(later.headers().firstValue("webgarden-error")).hasValue("app-out-of-service");
  }
}
