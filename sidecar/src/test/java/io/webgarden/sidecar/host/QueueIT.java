package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueIT {
  @TempDir Path root;

  private static CompletableFuture<HttpResponse<String>> async(
      RunningSidecar sidecar, String path) {
    return sidecar
        .client()
        .sendAsync(
            HttpRequest.newBuilder(sidecar.uri(path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitMetric(RunningSidecar sidecar, String line) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                sidecar
                    .send(HttpRequest.newBuilder(sidecar.adminUri("/metrics")).build())
                    .body()
                    .lines()
                    .anyMatch(l -> l.startsWith(line)));
  }

  private static void awaitOneActive(RunningSidecar sidecar) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                sidecar
                    .send(HttpRequest.newBuilder(sidecar.adminUri("/metrics")).build())
                    .body()
                    .lines()
                    .anyMatch(
                        l ->
                            l.startsWith("webgarden_process_active_requests{app=")
                                && l.endsWith(" 1.0")));
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterAtOnceAndQueuedRequestsAreServed() throws Exception {
    new TestSite(root)
        .handler(
            "",
            "app.js",
            "maxConcurrentRequestsPerProcess=\"1\" maxPendingRequests=\"1\" devErrorsEnabled=\"false\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      var busy = async(sidecar, "/app.js?ms=1500");
      awaitOneActive(sidecar);
      var queued = async(sidecar, "/app.js?second");
      awaitMetric(sidecar, "webgarden_queue_depth{app=\"/app.js\"} 1.0");

      long before = System.nanoTime();
      HttpResponse<String> rejected = sidecar.get("/app.js?third");
      long tookMillis = (System.nanoTime() - before) / 1_000_000;

      assertThat(rejected.statusCode()).isEqualTo(503);
      assertThat(rejected.headers().firstValue("webgarden-error")).hasValue("queue-full");
      assertThat(rejected.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(tookMillis).as("rejected at once, not after the busy request").isLessThan(1000);
      assertThat(busy.get().statusCode()).isEqualTo(200);
      assertThat(queued.get().statusCode()).isEqualTo(200);
      assertThat(queued.get().body()).contains("\"url\":\"/app.js?second\"");
      awaitMetric(sidecar, "webgarden_rejections_total{app=\"/app.js\",reason=\"queue-full\"} 1.0");
    }
  }

  @Test
  void aRequestWaitingLongerThanPendingRequestTimeoutGets503() throws Exception {
    new TestSite(root)
        .handler(
            "",
            "app.js",
            "maxConcurrentRequestsPerProcess=\"1\""
                + " pendingRequestTimeout=\"300\" devErrorsEnabled=\"false\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      // On a busy machine the start alone may take longer than the 300 ms a request may wait.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> sidecar.get("/app.js?warm").statusCode() == 200);
      var busy = async(sidecar, "/app.js?ms=3000");
      awaitOneActive(sidecar);

      HttpResponse<String> timedOut = sidecar.get("/app.js?waits");

      assertThat(timedOut.statusCode()).isEqualTo(503);
      assertThat(timedOut.headers().firstValue("webgarden-error")).hasValue("queue-timeout");
      assertThat(busy.get().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void requestsArrivingWhileTheGardenStartsWaitInTheQueue() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"2\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        burst.add(async(sidecar, "/app.js?n=" + i));
      }
      for (var response : burst) {
        assertThat(response.get().statusCode()).isEqualTo(200);
      }
    }
  }
}
