package io.webgarden.sidecar.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keep-alive connections to a process: reused, bounded by maxNamedPipeConnectionPoolSize, and
 * replaced once older than maxNamedPipePooledConnectionAge. Node counts the connections it accepted
 * (its startup probe included, so the tests compare counts before and after).
 */
class PoolingIT {
  private static final long AGE_MS = 1000;

  @TempDir static Path root;
  static Lab lab;

  @BeforeAll
  static void start() {
    lab =
        Lab.start(
            root,
            Map.of(
                "lab",
                "",
                "pool",
                "maxNamedPipeConnectionPoolSize=\"3\"",
                "aged",
                "maxNamedPipePooledConnectionAge=\"" + AGE_MS + "\""));
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  private static int connections(String folder) {
    return lab.json("/" + folder + "/lab.js/stats").getInteger("connections");
  }

  @Test
  void sequentialRequestsReuseOneConnection() {
    int before = connections("lab");
    for (int i = 0; i < 20; i++) {
      assertThat(lab.get("/lab/lab.js/headers").statusCode()).isEqualTo(200);
    }

    assertThat(connections("lab")).isEqualTo(before);
  }

  @Test
  void concurrentRequestsAreBoundedByThePoolSize() {
    int before = connections("pool");
    // Node holds each request until three are in flight at once, so it sees exactly as many
    // parallel requests as the pool lets through (and a pool of fewer than three would stall).
    List<CompletableFuture<HttpResponse<String>>> responses =
        IntStream.range(0, 9)
            .mapToObj(
                i ->
                    lab.client()
                        .sendAsync(
                            HttpRequest.newBuilder(lab.uri("/pool/lab.js/gate?n=3")).build(),
                            BodyHandlers.ofString()))
            .toList();

    assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
    JsonObject stats = lab.json("/pool/lab.js/stats");
    assertThat(stats.getInteger("peak")).isEqualTo(3);
    // The connection of the first /stats is one of the three.
    assertThat(stats.getInteger("connections") - before).isEqualTo(2);
  }

  @Test
  void connectionsOlderThanTheMaximumAgeAreReplaced() throws InterruptedException {
    long started = System.nanoTime();
    int first = connections("aged");
    assertThat(connections("aged")).as("reused while young").isEqualTo(first);

    long deadline = started + 10 * AGE_MS * 1_000_000;
    int now = first;
    while (now == first && System.nanoTime() < deadline) {
      Thread.sleep(50); // Polling interval only; the loop's condition is what the test waits for.
      now = connections("aged");
    }

    long waitedMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(now).as("a new connection within %d ms", waitedMs).isEqualTo(first + 1);
    assertThat(waitedMs).as("replaced only after the age").isGreaterThanOrEqualTo(AGE_MS);
  }
}
