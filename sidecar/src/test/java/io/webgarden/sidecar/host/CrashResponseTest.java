package io.webgarden.sidecar.host;

import static io.webgarden.sidecar.host.UnspawnedProcesses.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a failed start or an exit does, over the real parts and processes that never spawn. */
class CrashResponseTest {
  private final Object lock = new Object();
  private final Vertx vertx = Vertx.vertx();
  private final SidecarMetrics metrics = new SidecarMetrics();
  private final List<NodeProcess> spawned = new ArrayList<>();
  private final AtomicInteger restarts = new AtomicInteger();
  private final AppRevision first = revision(1, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 1);
  private final AppLife life = new AppLife("/app.js", metrics);
  private final ProcessPool pool = UnspawnedProcesses.pool(vertx, metrics, spawned);
  private final Retirement retirement =
      new Retirement(
          vertx, "/app.js", UnspawnedProcesses.signals(p -> {}, p -> {}), pool::leftService);
  private final RevisionSwitch revisions =
      new RevisionSwitch("/app.js", first, pool, retirement, metrics);
  private final AdmissionQueue queue =
      new AdmissionQueue(
          lock,
          vertx,
          "/app.js",
          metrics,
          pool.forQueue(revisions::serving),
          revisions::serving,
          p -> {},
          () -> {});
  private final CrashResponse crashes =
      new CrashResponse(
          lock,
          vertx,
          "/app.js",
          metrics,
          new ManualClock(),
          life,
          pool,
          queue,
          retirement,
          revisions,
          restarts::incrementAndGet);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static HostFailure failed(String why) {
    return new HostFailure(HostFailure.Kind.APP_START_FAILED, why);
  }

  @Test
  void aFailedStartWithNothingElseFailsTheQueueNowAndRestartsAfterTheBackOff() throws Exception {
    life.move(AppState.RUNNING, "preload");
    pool.ensure(first);
    Future<Lease> waiting;
    synchronized (lock) {
      waiting = queue.admit(vertx.getOrCreateContext(), Set.of(), null);
    }
    HostFailure cause = failed("the process exited with code 1 before it listened on PORT.");
    crashes.startFailed(spawned.get(0), cause);
    try {
      waiting.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("the waiter was served");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isSameAs(cause);
    }
    assertThat(pool.size()).isZero();
    assertThat(crashes.restartPending()).isTrue();
    assertThat(life.notReadyReason(false)).contains("its last start failed");
    await().atMost(Duration.ofSeconds(10)).until(() -> restarts.get() == 1);
    assertThat(crashes.restartPending()).isFalse();
  }

  @Test
  void aFailedReplacementLeavesTheOldProcessServing() {
    life.move(AppState.RUNNING, "preload");
    pool.ensure(first);
    NodeProcess old = spawned.get(0);
    old.transition(ProcessPhase.READY, "listening");
    assertThat(revisions.replace(old.pid(), "recycleAfterRequests=10")).isTrue();
    crashes.startFailed(spawned.get(1), failed("the replacement did not listen"));
    assertThat(old.phase()).isEqualTo(ProcessPhase.READY);
    assertThat(old.retireReason()).isNull();
    assertThat(pool.members()).containsExactly(old);
  }

  @Test
  void aNewRevisionThatFailsToStartIsDropped() {
    life.move(AppState.RUNNING, "preload");
    pool.ensure(first);
    spawned.get(0).transition(ProcessPhase.READY, "listening");
    AppRevision second = revision(2, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 1);
    revisions.begin(second, true, "app.js changed");
    life.move(AppState.RECYCLING, "app.js changed");
    pool.ensure(revisions.target());
    crashes.startFailed(spawned.get(1), failed("SyntaxError in app.js"));
    assertThat(revisions.target()).isSameAs(first);
    assertThat(life.state()).isEqualTo(AppState.RUNNING);
    assertThat(crashes.restartPending())
        .as("the old revision serves: nothing to restart")
        .isFalse();
  }

  @Test
  void aServingProcessThatExitsIsCountedAndReplaced() {
    life.move(AppState.RUNNING, "preload");
    pool.ensure(first);
    NodeProcess process = spawned.get(0);
    process.transition(ProcessPhase.READY, "listening");
    crashes.exited(process, ProcessPhase.READY, 137);
    assertThat(process.state()).isEqualTo(ProcessState.CRASHED);
    assertThat(crashes.restartPending()).isTrue();
    assertThat(metrics.scrape()).contains("webgarden_process_crashes_total{app=\"/app.js\"} 1.0");
  }
}
