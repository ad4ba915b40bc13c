package io.webgarden.sidecar.host;

import static io.webgarden.sidecar.host.UnspawnedProcesses.revision;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessPoolTest {
  private final Vertx vertx = Vertx.vertx();
  private final SidecarMetrics metrics = new SidecarMetrics();
  private final List<NodeProcess> spawned = new ArrayList<>();
  private final ProcessPool pool = UnspawnedProcesses.pool(vertx, metrics, spawned);
  private final AppRevision first = revision(1, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 3);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void ensureStartsTheRevisionsFullCountOnce() {
    pool.ensure(first);
    assertThat(spawned).hasSize(3);
    assertThat(pool.size()).isEqualTo(3);
    pool.ensure(first);
    assertThat(spawned).hasSize(3);
    assertThat(metrics.scrape()).contains("webgarden_process_starts_total{app=\"/app.js\"} 3.0");
  }

  @Test
  void aProcessBeingReplacedDoesNotCountAndItsReplacementDoes() {
    pool.ensure(first);
    NodeProcess old = spawned.get(0);
    old.transition(ProcessPhase.READY, "test");
    old.retire("recycleAfterRequests");
    pool.spawn(first, old);
    pool.ensure(first);
    assertThat(spawned).hasSize(4);
    assertThat(spawned.get(3).replaces()).isSameAs(old);
  }

  @Test
  void aLostProcessIsStartedAgain() {
    pool.ensure(first);
    NodeProcess lost = spawned.get(1);
    pool.remove(lost);
    pool.ensure(first);
    assertThat(spawned).hasSize(4);
    assertThat(pool.members()).doesNotContain(lost).hasSize(3);
  }

  @Test
  void onlyReadyUnhungProcessesOfTheRevisionServe() {
    AppRevision second = revision(2, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 1);
    pool.ensure(first);
    pool.ensure(second);
    NodeProcess ready = spawned.get(0);
    NodeProcess hung = spawned.get(1);
    NodeProcess newer = spawned.get(3);
    ready.transition(ProcessPhase.READY, "test");
    hung.transition(ProcessPhase.READY, "test");
    hung.retire("health check failed");
    hung.markHung();
    newer.transition(ProcessPhase.READY, "test");
    assertThat(pool.serving(first)).containsExactly(ready);
    assertThat(pool.serving(second)).containsExactly(newer);
    assertThat(pool.count(first, ProcessState.STARTING)).isEqualTo(1);
    assertThat(pool.anyLive(first)).isTrue();

    AdmissionQueue.Processes seen = pool.forQueue(() -> first);
    assertThat(seen.serving()).containsExactly(ready);
    assertThat(seen.starting()).isEqualTo(1);
    assertThat(seen.othersLive(Set.copyOf(spawned))).isFalse();
    assertThat(seen.othersLive(Set.of(ready))).isTrue();
  }

  @Test
  void aServingProcessHasAnActiveRequestsGaugeUntilItLeavesService() {
    pool.ensure(revision(1, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 1));
    NodeProcess process = spawned.get(0);
    process.transition(ProcessPhase.READY, "test");
    pool.ready(process);
    process.requestStarted();
    assertThat(metrics.scrape()).contains("webgarden_process_active_requests{");
    assertThat(pool.busy()).isTrue();
    assertThat(pool.status(System.currentTimeMillis()))
        .singleElement()
        .satisfies(s -> assertThat(s.activeRequests()).isEqualTo(1));
    pool.leftService(process);
    assertThat(metrics.scrape()).doesNotContain("webgarden_process_active_requests{");
  }
}
