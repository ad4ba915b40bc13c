package io.webgarden.sidecar.host;

import static io.webgarden.sidecar.host.UnspawnedProcesses.ready;
import static io.webgarden.sidecar.host.UnspawnedProcesses.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetirementTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<String> signals = new CopyOnWriteArrayList<>();
  private final List<NodeProcess> leftService = new CopyOnWriteArrayList<>();
  private final Retirement retirement =
      new Retirement(
          vertx,
          "/app.js",
          UnspawnedProcesses.signals(p -> signals.add("TERM"), p -> signals.add("KILL")),
          leftService::add);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void anIdleProcessStopsAtOnce() {
    NodeProcess process = ready(vertx, revision(1));
    retirement.drain(process, "recycle");
    assertThat(process.state()).isEqualTo(ProcessState.DRAINING);
    assertThat(signals).containsExactly("TERM");
    assertThat(leftService).containsExactly(process);
    retirement.drain(process, "again");
    assertThat(signals).as("a drained process is not drained twice").containsExactly("TERM");
  }

  @Test
  void aStartingProcessStopsAtOnceAndNeverServed() {
    NodeProcess process = UnspawnedProcesses.process(vertx, revision(1), null);
    retirement.drain(process, "superseded");
    assertThat(process.state()).isEqualTo(ProcessState.DRAINING);
    assertThat(signals).containsExactly("TERM");
    assertThat(leftService).isEmpty();
  }

  @Test
  void aBusyProcessStopsWithItsLastRequest() {
    NodeProcess process = ready(vertx, revision(1, Setting.GRACEFUL_SHUTDOWN_TIMEOUT, 60_000));
    process.requestStarted();
    process.requestStarted();
    retirement.drain(process, "recycle");
    assertThat(signals).isEmpty();
    process.requestEnded();
    retirement.released(process);
    assertThat(signals).isEmpty();
    process.requestEnded();
    retirement.released(process);
    assertThat(signals).containsExactly("TERM");
  }

  @Test
  void aBusyProcessIsStoppedAfterGracefulShutdownTimeout() {
    NodeProcess process = ready(vertx, revision(1, Setting.GRACEFUL_SHUTDOWN_TIMEOUT, 100));
    process.requestStarted();
    long drained = System.nanoTime();
    retirement.drain(process, "recycle");
    await().atMost(Duration.ofSeconds(10)).until(() -> signals.contains("TERM"));
    assertThat(System.nanoTime() - drained).isGreaterThanOrEqualTo(100_000_000L);
  }

  @Test
  void aHungProcessIsKilledNotDrained() {
    AppRevision revision = revision(1);
    NodeProcess process = ready(vertx, revision);
    process.requestStarted();
    process.retire("health check failed");
    retirement.markHung(process);
    retirement.drain(process, "health check failed");
    assertThat(signals).containsExactly("KILL");
  }

  @Test
  void anOrphanedProcessRunsOrphanCommandAndIsKilledAfterOrphanTimeout(@TempDir Path dir) {
    Path marker = dir.resolve("snapshot");
    AppRevision revision =
        revision(
            1,
            Setting.ORPHAN_HUNG_PROCESSES,
            true,
            Setting.ORPHAN_TIMEOUT_MS,
            300,
            Setting.ORPHAN_COMMAND,
            "echo {pid} > " + marker);
    NodeProcess process = ready(vertx, revision);
    process.requestStarted();
    process.retire("health check failed");
    retirement.markHung(process);
    long drained = System.nanoTime();
    retirement.drain(process, "health check failed");
    assertThat(signals).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(marker));
    await().atMost(Duration.ofSeconds(10)).until(() -> signals.contains("KILL"));
    assertThat(System.nanoTime() - drained).isGreaterThanOrEqualTo(300_000_000L);
    assertThat(signals).containsExactly("KILL");
    process.requestEnded();
    retirement.released(process);
    assertThat(signals).as("an orphan is not stopped by its last request").hasSize(1);
  }

  @Test
  void reinstatingUndoesHungAndOrphan() {
    AppRevision revision = revision(1, Setting.ORPHAN_HUNG_PROCESSES, true);
    NodeProcess process = ready(vertx, revision);
    process.retire("health check failed");
    retirement.markHung(process);
    process.reinstate();
    retirement.drain(process, "recycle");
    assertThat(signals).containsExactly("TERM");
  }
}
