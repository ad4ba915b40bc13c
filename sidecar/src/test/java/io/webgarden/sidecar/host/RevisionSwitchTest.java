package io.webgarden.sidecar.host;

import static io.webgarden.sidecar.host.UnspawnedProcesses.revision;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RevisionSwitchTest {
  private final Vertx vertx = Vertx.vertx();
  private final SidecarMetrics metrics = new SidecarMetrics();
  private final List<NodeProcess> spawned = new ArrayList<>();
  private final List<NodeProcess> stopped = new ArrayList<>();
  private final ProcessPool pool = UnspawnedProcesses.pool(vertx, metrics, spawned);
  private final Retirement retirement =
      new Retirement(
          vertx,
          "/app.js",
          UnspawnedProcesses.signals(stopped::add, stopped::add),
          pool::leftService);
  private final AppRevision first = revision(1, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 2);
  private final AppRevision second = revision(2, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 2);
  private final RevisionSwitch revisions =
      new RevisionSwitch("/app.js", first, pool, retirement, metrics);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private List<NodeProcess> readyGarden(AppRevision revision) {
    int from = spawned.size();
    pool.ensure(revision);
    List<NodeProcess> garden = List.copyOf(spawned.subList(from, spawned.size()));
    garden.forEach(p -> p.transition(ProcessPhase.READY, "test"));
    return garden;
  }

  @Test
  void theOldRevisionServesUntilTheWholeNewOneIsReady() {
    List<NodeProcess> old = readyGarden(first);
    RevisionSwitch.Begun begun = revisions.begin(second, true, "app.js changed");
    assertThat(begun.overlaps()).isTrue();
    assertThat(begun.replaced()).hasSize(2);
    assertThat(revisions.serving()).isSameAs(first);
    assertThat(revisions.target()).isSameAs(second);

    pool.ensure(revisions.target());
    NodeProcess a = spawned.get(2);
    NodeProcess b = spawned.get(3);
    a.transition(ProcessPhase.READY, "test");
    assertThat(revisions.completedBy(a)).isFalse();
    b.transition(ProcessPhase.READY, "test");
    assertThat(revisions.completedBy(b)).isTrue();

    revisions.switchOver();
    assertThat(revisions.serving()).isSameAs(second);
    assertThat(old).allSatisfy(p -> assertThat(p.state()).isEqualTo(ProcessState.DRAINING));
    assertThat(stopped).containsExactlyElementsOf(old);
    assertThat(pool.serving(second)).containsExactly(a, b);
    assertThat(metrics.scrape()).contains("webgarden_recycles_total{app=\"/app.js\"} 1.0");
  }

  @Test
  void withNothingServingTheNewRevisionServesAtOnce() {
    pool.ensure(first);
    List<NodeProcess> starting = List.copyOf(spawned);
    RevisionSwitch.Begun begun = revisions.begin(second, true, "app.js changed");
    assertThat(begun.overlaps()).isFalse();
    assertThat(revisions.serving()).isSameAs(second);
    assertThat(stopped).containsExactlyElementsOf(starting);
  }

  @Test
  void aFailedNewRevisionIsDroppedAndTheOldServesOn() {
    List<NodeProcess> old = readyGarden(first);
    revisions.begin(second, true, "app.js changed");
    pool.ensure(revisions.target());
    List<NodeProcess> fresh = spawned.subList(2, 4);
    revisions.abandon();
    assertThat(revisions.target()).isSameAs(first);
    assertThat(revisions.serving()).isSameAs(first);
    assertThat(stopped).containsExactlyElementsOf(fresh);
    assertThat(old).allSatisfy(p -> assertThat(p.state()).isEqualTo(ProcessState.READY));
    assertThat(metrics.scrape()).contains("webgarden_recycle_failures_total{app=\"/app.js\"} 1.0");
  }

  @Test
  void aRecycleStillStartingIsSupersededByTheNext() {
    readyGarden(first);
    revisions.begin(second, true, "first change");
    pool.ensure(revisions.target());
    List<NodeProcess> superseded = List.copyOf(spawned.subList(2, 4));
    AppRevision third = revision(3, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 2);
    revisions.begin(third, true, "second change");
    assertThat(stopped).containsExactlyElementsOf(superseded);
    assertThat(revisions.target()).isSameAs(third);
    assertThat(revisions.serving()).isSameAs(first);
  }

  @Test
  void aReplacedProcessKeepsServingUntilItsReplacementIsReady() {
    NodeProcess old = readyGarden(first).get(0);
    assertThat(revisions.replace(old.pid(), "recycleAfterRequests=100")).isTrue();
    assertThat(old.retireReason()).isEqualTo("recycleAfterRequests=100");
    assertThat(spawned.get(2).replaces()).isSameAs(old);
    assertThat(pool.serving(first)).contains(old);
    assertThat(revisions.replace(old.pid(), "again"))
        .as("a process being replaced is not replaced twice")
        .isFalse();
  }

  @Test
  void aSettleWaiterLearnsWhenTheSwitchEndsNotBefore() {
    List<AppRevision> settled = new ArrayList<>();
    revisions.whenSettled(settled::add);
    assertThat(settled).as("nothing pending: at once").containsExactly(first);

    readyGarden(first);
    revisions.begin(second, true, "app.js changed");
    revisions.whenSettled(settled::add);
    pool.ensure(second);
    spawned.get(2).transition(ProcessPhase.READY, "test");
    assertThat(settled).as("half the new garden is up: still pending").hasSize(1);

    spawned.get(3).transition(ProcessPhase.READY, "test");
    revisions.switchOver();
    assertThat(settled).containsExactly(first, second);
  }

  @Test
  void aSettleWaiterLearnsOfAnAbandonedSwitchWithTheOldRevision() {
    readyGarden(first);
    revisions.begin(second, true, "app.js changed");
    List<AppRevision> settled = new ArrayList<>();
    revisions.whenSettled(settled::add);
    AppRevision third = revision(3, Setting.NODE_PROCESS_COUNT_PER_APPLICATION, 2);
    revisions.begin(third, true, "app.js changed again");
    assertThat(settled).as("superseded, still pending").isEmpty();

    revisions.abandon();
    assertThat(settled).containsExactly(first);
  }
}
