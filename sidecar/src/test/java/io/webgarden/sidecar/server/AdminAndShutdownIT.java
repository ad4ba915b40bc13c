package io.webgarden.sidecar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAndShutdownIT {
  @TempDir Path root;

  @Test
  void adminEndpointsReportHealthReadinessAndMetrics() {
    new TestSite(root).handler("", "app.js", "").file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(sidecar.get("/app.js").statusCode()).isEqualTo(200);
      assertThat(sidecar.get("/missing.txt").statusCode()).isEqualTo(404);

      assertThat(admin(sidecar, "/healthz").statusCode()).isEqualTo(200);
      assertThat(admin(sidecar, "/readyz").statusCode()).isEqualTo(200);
      assertThat(admin(sidecar, "/nope").statusCode()).isEqualTo(404);
      HttpResponse<String> metrics = admin(sidecar, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("content-type").orElseThrow())
          .startsWith("text/plain");
      assertThat(metrics.body())
          .contains("webgarden_requests_total{app=\"/app.js\",status=\"2xx\"} 1.0")
          .contains("webgarden_requests_total{app=\"-\",status=\"4xx\"} 1.0")
          .contains("webgarden_request_duration_seconds_bucket{app=\"/app.js\"")
          .contains("webgarden_process_starts_total{app=\"/app.js\"} 1.0")
          .contains("webgarden_queue_depth{app=\"/app.js\"} 0.0")
          .containsPattern("webgarden_process_active_requests\\{app=\"/app.js\",pid=\"\\d+\"} 0.0");
    }
  }

  @Test
  void shutdownTurnsReadinessOffFinishesInFlightRequestsAndStopsProcesses() throws Exception {
    new TestSite(root).handler("", "app.js", "").file("app.js", NodeApps.ECHO);
    RunningSidecar sidecar = RunningSidecar.start(root);
    long pid = NodeApps.pid(sidecar.get("/app.js"));
    CompletableFuture<HttpResponse<String>> inFlight =
        sidecar
            .client()
            .sendAsync(
                HttpRequest.newBuilder(sidecar.uri("/app.js?ms=1500")).build(),
                HttpResponse.BodyHandlers.ofString());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                admin(sidecar, "/metrics")
                    .body()
                    .lines()
                    .anyMatch(
                        l ->
                            l.startsWith("webgarden_process_active_requests")
                                && l.endsWith(" 1.0")));

    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(sidecar::close);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admin(sidecar, "/readyz").statusCode() == 503);
    // Readiness turns off first and the listener closes right after it: wait for the refusal.
    await().atMost(Duration.ofSeconds(5)).until(() -> refusesConnections(sidecar.sidecar().port()));
    assertThat(inFlight.get().statusCode()).isEqualTo(200);
    shutdown.get();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void theAdminPortsRefusalsAreMarkedAsTheSidecarsOwn() {
    new TestSite(root).handler("", "app.js", "").file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> missing = admin(sidecar, "/nope");
      assertThat(missing.headers().firstValue("webgarden-error")).hasValue("not-found");
      assertThat(missing.body()).contains("/healthz, /readyz, /metrics and /apps");
      HttpResponse<String> posted =
          sidecar.send(
              HttpRequest.newBuilder(sidecar.adminUri("/healthz"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(posted.statusCode()).isEqualTo(405);
      assertThat(posted.headers().firstValue("webgarden-error")).hasValue("method-not-allowed");
      assertThat(admin(sidecar, "/healthz").headers().firstValue("webgarden-error")).isEmpty();
    }
  }

  private static HttpResponse<String> admin(RunningSidecar sidecar, String path) {
    return sidecar.send(HttpRequest.newBuilder(sidecar.adminUri(path)).build());
  }

  private static boolean refusesConnections(int port) {
    // A connect that times out is not a refusal; the bounded connect keeps a poll from hanging.
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return false;
    } catch (ConnectException refused) {
      return true;
    } catch (IOException other) {
      return false;
    }
  }
}
