package io.webgarden.sidecar.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.SidecarJar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an exchange's end is classified: a client that read the whole response and then closed its
 * connection (what curl does) got a complete answer, so no warning, no 499, no 4xx.
 */
class ExchangeEndIT {
  private static final int PARALLEL = 300;
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path root;

  private static double metric(SidecarJar jar, String line) throws Exception {
    return jar.admin("/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(line))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void threeHundredParallelClientsThatCloseAfterTheBodyAreCountedAsServed() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"2\"")
        .file("app.js", NodeApps.ECHO);
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try (SidecarJar jar = SidecarJar.start(root, Map.of())) {
      jar.get("/app.js");
      int port = URI.create(jar.uri("/").toString()).getPort();
      List<Future<RawHttp.Response>> sent =
          IntStream.range(0, PARALLEL)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            try (RawHttp http = new RawHttp(port)) {
                              // Read to the last byte of the body, then close at once, as curl
                              // does.
                              return http.send(
                                      "GET /app.js?n=" + i + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                  .read("GET");
                            }
                          }))
              .toList();
      for (Future<RawHttp.Response> response : sent) {
        RawHttp.Response complete = response.get();
        assertThat(complete.status()).isEqualTo(200);
        assertThat(complete.text()).contains("\"pid\":");
      }
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  metric(jar, "webgarden_requests_total{app=\"/app.js\",status=\"2xx\"}")
                      >= PARALLEL + 1);

      assertThat(metric(jar, "webgarden_requests_total{app=\"/app.js\",status=\"4xx\"}")).isZero();
      assertThat(jar.stdout()).noneMatch(l -> l.contains("broke off"));
      assertThat(jar.stdout()).noneMatch(l -> l.startsWith("[access]") && l.contains(" 499 "));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A client that leaves mid-download (a closed tab) is no failure of the sidecar or the app: the
   * access line says 499 and an info line says so, but nothing is logged as a warning.
   */
  @Test
  void aClientThatLeavesMidResponseIs499WithoutAWarning() throws Exception {
    new TestSite(root).handler("", "lab.js", "").file("lab.js", LabApps.LAB);
    try (SidecarJar jar = SidecarJar.start(root, Map.of())) {
      int port = URI.create(jar.uri("/").toString()).getPort();
      try (RawHttp http = new RawHttp(port)) {
        RawHttp.Response head =
            http.send(
                    "GET /lab.js/download?bytes=50000000 HTTP/1.1\r\n" + "Host: localhost\r\n\r\n")
                .readHead();
        assertThat(head.status()).isEqualTo(200);
      }

      jar.awaitLine(l -> l.startsWith("[access] GET /lab.js/download") && l.contains(" 499 "));
      jar.awaitLine(l -> l.contains("the client left mid-response"));
      assertThat(jar.stdout()).noneMatch(l -> l.contains(" WARN "));
    }
  }
}
