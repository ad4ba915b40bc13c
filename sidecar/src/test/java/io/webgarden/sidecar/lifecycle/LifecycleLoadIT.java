package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.app;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.pids;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.rewrite;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof under load: 32 keep-alive clients for the whole test while the code changes or
 * processes are killed. Bounded in time and count; the assertions are about failures, never about
 * timing.
 */
class LifecycleLoadIT {
  private static final int CLIENTS = 32;
  private static final int MAX_REQUESTS_PER_CLIENT = 20_000;
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path root;

  /**
   * What one request got: its status and version, or the failure (an exception or a
   * webgarden-error, which dev error pages send with status 200), and the version on disk when it
   * was sent.
   */
  private record Outcome(String sentDuring, int status, String version, String failure) {}

  /** 32 clients, each on its own keep-alive HTTP/1.1 connection, until stopped. */
  private static final class Load implements AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final List<Future<?>> clients;

    Load(URI uri, IntSupplier currentVersion) {
      clients =
          IntStream.range(0, CLIENTS)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            HttpClient client =
                                HttpClient.newBuilder()
                                    .version(HttpClient.Version.HTTP_1_1)
                                    .connectTimeout(Duration.ofSeconds(5))
                                    .build();
                            HttpRequest request =
                                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
                            for (int n = 0; n < MAX_REQUESTS_PER_CLIENT && running.get(); n++) {
                              String during = "v" + currentVersion.getAsInt();
                              sent.incrementAndGet();
                              try {
                                HttpResponse<String> response =
                                    client.send(request, HttpResponse.BodyHandlers.ofString());
                                String error =
                                    response.headers().firstValue("webgarden-error").orElse(null);
                                String version =
                                    response.statusCode() == 200 && error == null
                                        ? new JsonObject(response.body()).getString("version")
                                        : null;
                                outcomes.add(
                                    new Outcome(during, response.statusCode(), version, error));
                              } catch (Exception e) {
                                outcomes.add(new Outcome(during, 0, null, e.toString()));
                              }
                            }
                          }))
              .<Future<?>>map(f -> f)
              .toList();
    }

    /** Waits for the requests under way; none may be lost. */
    List<Outcome> stop() throws Exception {
      running.set(false);
      for (Future<?> client : clients) {
        client.get(60, TimeUnit.SECONDS);
      }
      assertThat(outcomes).hasSize((int) sent.get());
      return List.copyOf(outcomes);
    }

    long completed() {
      return outcomes.size();
    }

    @Override
    public void close() {
      running.set(false);
      pool.shutdownNow();
    }
  }

  /** The load test's numbers, for the record (the assertions are about failures only). */
  private static void report(String scenario, List<Outcome> outcomes) {
    System.out.printf(
        "LifecycleLoadIT %s: %d requests, %d failed%n",
        scenario, outcomes.size(), outcomes.stream().filter(o -> o.version() == null).count());
  }

  @Test
  void tenRewritesUnderLoadLoseNoRequestAndServeTheCurrentOrPreviousVersion() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"2\"")
        .file("app.js", app("v0"));
    AtomicInteger current = new AtomicInteger();
    try (RunningSidecar sidecar = RunningSidecar.start(root);
        Load load = new Load(URI.create(sidecar.uri("/app.js").toString()), current::get)) {
      for (int v = 1; v <= 10; v++) {
        long before = load.completed();
        await().atMost(DEADLINE).until(() -> load.completed() > before + 200);
        rewrite(root.resolve("app.js"), app("v" + v));
        current.set(v);
        String expected = "v" + v;
        await().atMost(DEADLINE).until(() -> version(sidecar.get("/app.js")).equals(expected));
      }
      List<Outcome> outcomes = load.stop();

      assertThat(outcomes).filteredOn(o -> o.version() == null).isEmpty();
      assertThat(outcomes)
          .allSatisfy(
              o ->
                  assertThat(o.version())
                      .isIn(
                          o.sentDuring(),
                          "v" + (Integer.parseInt(o.sentDuring().substring(1)) - 1)));
      assertThat(outcomes).filteredOn(o -> o.version().equals("v10")).isNotEmpty();
    }
  }

  @Test
  void killingOneOfTwoProcessesFiveTimesUnderLoadFailsNoRequest() throws Exception {
    // Default settings: five kills are rapidFailMaxCrashes' default, and a process that served
    // while another one serves is lost capacity, not a crash loop.
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"2\"")
        .file("app.js", app("v0"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      sidecar.get("/app.js");
      await().atMost(DEADLINE).until(() -> pids(sidecar, "/app.js", "ready").size() == 2);
      try (Load load = new Load(URI.create(sidecar.uri("/app.js").toString()), () -> 0)) {
        for (int kill = 0; kill < 5; kill++) {
          long before = load.completed();
          await()
              .atMost(DEADLINE)
              .until(
                  () ->
                      load.completed() > before + 200
                          && pids(sidecar, "/app.js", "ready").size() == 2);
          long victim = pids(sidecar, "/app.js", "ready").get(kill % 2);
          ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
          await().atMost(DEADLINE).until(() -> !pids(sidecar, "/app.js", "ready").contains(victim));
        }
        List<Outcome> outcomes = load.stop();

        report("5 kills", outcomes);
        assertThat(outcomes).filteredOn(o -> o.version() == null).isEmpty();
        assertThat(app(sidecar, "/app.js").getString("state")).isEqualTo("running");
      }
    }
  }
}
