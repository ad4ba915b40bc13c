package io.webgarden.sidecar.host;

import static io.webgarden.sidecar.host.UnspawnedProcesses.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A process's phases: what the flags hid is a phase, each move is checked and counted. */
class ProcessPhaseTest {
  private final Vertx vertx = Vertx.vertx();
  private final SidecarMetrics metrics = new SidecarMetrics();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private NodeProcess process() {
    return UnspawnedProcesses.process(vertx, revision(1), null, metrics);
  }

  @Test
  void aHungProcessIsAPhaseThatShowsAsReadyAndServesNothing() {
    NodeProcess process = process();
    process.transition(ProcessPhase.READY, "listening");
    process.retire("health check failed");
    process.markHung();
    assertThat(process.phase()).isEqualTo(ProcessPhase.HUNG);
    assertThat(process.state()).isEqualTo(ProcessState.READY);
    assertThat(process.phase().serves()).isFalse();
    assertThat(process.phase().isLive()).isTrue();
    process.reinstate();
    assertThat(process.phase().serves()).isTrue();
    assertThat(process.retireReason()).isNull();
  }

  @Test
  void everyMoveIsCountedByEdge() {
    NodeProcess process = process();
    process.transition(ProcessPhase.READY, "listening");
    process.transition(ProcessPhase.READY, "again: no move");
    process.transition(ProcessPhase.DRAINING, "recycled");
    assertThat(metrics.scrape())
        .contains("webgarden_process_transitions_total{from=\"starting\",to=\"ready\"} 1.0")
        .contains("webgarden_process_transitions_total{from=\"ready\",to=\"draining\"} 1.0");
  }

  @Test
  void anIllegalMoveLeavesThePhaseAlone() {
    NodeProcess process = process();
    assertThatThrownBy(() -> process.transition(ProcessPhase.ORPHANED, "no"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("from STARTING to ORPHANED");
    assertThat(process.phase()).isEqualTo(ProcessPhase.STARTING);
  }
}
