package io.webgarden.sidecar.lifecycle;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppDefinition;
import io.webgarden.sidecar.apps.Revisions;
import io.webgarden.sidecar.config.RawSetting;
import io.webgarden.sidecar.config.SettingsResolver;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.host.ApplicationManager;
import io.webgarden.sidecar.host.ProcessState;
import io.webgarden.sidecar.host.ProcessStatus;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import io.webgarden.sidecar.testing.TestSite;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * periodicRecycleMinutes without waiting minutes: the applications and the policies read a clock
 * the test moves.
 */
class PeriodicRecycleIT {
  @TempDir Path root;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** The system clock plus an offset the test sets. */
  private static final class MovableClock extends Clock {
    private volatile Duration ahead = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return ZoneId.systemDefault();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(ahead);
    }
  }

  @Test
  void aProcessOlderThanPeriodicRecycleMinutesIsReplacedOverlapped() throws Exception {
    new TestSite(root).file("app.js", LifecycleLab.app("v1"));
    MovableClock clock = new MovableClock();
    ApplicationManager manager =
        new ApplicationManager(
            vertx,
            new Revisions(
                SettingsResolver.create(Optional.empty(), Map.of()),
                (name, folder, settings) -> (app, pid, started) -> (stream, line) -> {},
                System.getenv()),
            new SidecarMetrics(),
            clock);
    Application app =
        manager.application(
            new AppDefinition(
                "/app.js",
                root.resolve("app.js"),
                List.of(new RawSetting("periodicRecycleMinutes", "2", "web.config", 1)),
                Map.of(),
                List.of()));
    app.preload();
    await().atMost(Duration.ofSeconds(10)).until(() -> readyPids(app).size() == 1);
    long first = readyPids(app).get(0);
    ProcessPolicies policies = new ProcessPolicies(vertx, manager, clock);
    policies.start();
    try {
      clock.ahead = Duration.ofMinutes(1);
      await()
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(2))
          .until(() -> readyPids(app).equals(List.of(first)));

      clock.ahead = Duration.ofMinutes(2);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> readyPids(app).size() == 1 && !readyPids(app).contains(first));
      clock.ahead = Duration.ZERO;
      await().atMost(Duration.ofSeconds(10)).until(() -> !LifecycleLab.alive(first));
    } finally {
      policies.stop();
      manager.stopAll().await();
    }
  }

  private static List<Long> readyPids(Application app) {
    return app.status().processes().stream()
        .filter(p -> p.state() == ProcessState.READY)
        .map(ProcessStatus::pid)
        .toList();
  }
}
