package io.webgarden.sidecar.host;

import static io.webgarden.sidecar.host.UnspawnedProcesses.revision;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The façade's own rules, over processes that are never spawned (the test plays their callbacks)
 * and a clock the test moves: idle shutdown, a demand start, rapid-fail protection.
 */
class ApplicationTest {
  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock();
  private final SidecarMetrics metrics = new SidecarMetrics();
  private final List<NodeProcess> spawned = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private Application application(AppRevision revision) {
    return new Application(
        vertx,
        "/app.js",
        Path.of("app.js"),
        revision,
        (owner, rev, replaces) -> {
          NodeProcess process = UnspawnedProcesses.process(vertx, rev, replaces, metrics);
          spawned.add(process);
          return process;
        },
        new ProcessRequests(vertx, metrics),
        metrics,
        clock);
  }

  @Test
  void withoutRequestsForIdleTimeoutItStopsItsProcesses() {
    Application app = application(revision(1, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 1));
    app.preload();
    assertThat(app.state()).isEqualTo(AppState.RUNNING);
    assertThat(spawned).hasSize(1);
    app.onListening(spawned.get(0));
    assertThat(app.notReadyReason()).isNull();

    clock.advance(Duration.ofSeconds(59));
    assertThat(app.stopIfIdle(60_000)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(app.stopIfIdle(60_000)).isTrue();
    assertThat(app.state()).isEqualTo(AppState.IDLE);
    assertThat(spawned.get(0).state()).isEqualTo(ProcessState.DRAINING);
    assertThat(metrics.scrape())
        .contains("webgarden_application_transitions_total{from=\"idle\",to=\"running\"} 1.0")
        .contains("webgarden_application_transitions_total{from=\"running\",to=\"idle\"} 1.0");
  }

  @Test
  void aFirstRequestStartsTheGardenAndWaitsForIt() throws Exception {
    Application app = application(revision(1, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 2));
    Future<Lease> first = app.admit(null);
    assertThat(app.state()).isEqualTo(AppState.RUNNING);
    assertThat(spawned).hasSize(2);
    assertThat(app.queueDepth()).isEqualTo(1);
    app.onListening(spawned.get(0));
    app.onListening(spawned.get(1));
    Lease lease = first.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(app.queueDepth()).isZero();
    assertThat(lease.activeRequests()).isEqualTo(1);
    lease.release();
    assertThat(lease.activeRequests()).isZero();
  }

  @Test
  void aCrashLoopWithNothingServingTakesItOutOfService() throws Exception {
    Application app =
        application(
            revision(
                1,
                Setting.NODE_PROCESS_COUNT_PER_APPLICATION,
                2,
                Setting.RAPID_FAIL_MAX_CRASHES,
                2));
    app.preload();
    HostFailure cause =
        new HostFailure(HostFailure.Kind.APP_START_FAILED, "the process exited with code 1");
    app.onStartFailed(spawned.get(0), cause);
    assertThat(app.state()).isEqualTo(AppState.RUNNING);
    app.onStartFailed(spawned.get(1), cause);
    assertThat(app.state()).isEqualTo(AppState.OUT_OF_SERVICE);
    assertThat(app.notReadyReason()).startsWith("out of service: ").contains("crashed 2 times");

    try {
      app.admit(null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("an out-of-service application admitted a request");
    } catch (ExecutionException e) {
      assertThat(((HostFailure) e.getCause()).kind()).isEqualTo(HostFailure.Kind.OUT_OF_SERVICE);
    }
  }
}
