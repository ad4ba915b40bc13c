package io.webgarden.sidecar.host;

import io.vertx.core.Vertx;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a process that fails to start, or exits on its own, means for its application: a failed
 * replacement leaves the old process serving, a failed new revision is dropped, waiters that
 * nothing will serve soon fail now with the cause, the process is started again after the {@link
 * CrashPolicy}'s back-off, and a crash loop takes the application out of service. Not thread-safe:
 * the owning application's monitor, {@code lock}, guards it; its restart timer takes it.
 */
final class CrashResponse {
  private static final Logger LOG = LoggerFactory.getLogger(CrashResponse.class);

  private final Object lock;
  private final Vertx vertx;
  private final String app;
  private final SidecarMetrics metrics;
  private final Clock clock;
  private final CrashPolicy crashes;
  private final AppLife life;
  private final ProcessPool pool;
  private final AdmissionQueue queue;
  private final Retirement retirement;
  private final RevisionSwitch revisions;
  private final Runnable restart;
  private boolean restartPending;

  /**
   * @param restart starts the missing processes; called under the lock once the back-off is over
   */
  CrashResponse(
      Object lock,
      Vertx vertx,
      String app,
      SidecarMetrics metrics,
      Clock clock,
      AppLife life,
      ProcessPool pool,
      AdmissionQueue queue,
      Retirement retirement,
      RevisionSwitch revisions,
      Runnable restart) {
    this.lock = lock;
    this.vertx = vertx;
    this.app = app;
    this.metrics = metrics;
    this.clock = clock;
    this.crashes = new CrashPolicy(clock);
    this.life = life;
    this.pool = pool;
    this.queue = queue;
    this.retirement = retirement;
    this.revisions = revisions;
    this.restart = restart;
  }

  /** Whether a restart waits for its back-off: no process starts before it is over. */
  boolean restartPending() {
    return restartPending;
  }

  /** A recycle starts afresh: new code deserves a fresh count. */
  void clear() {
    crashes.clear();
  }

  void startFailed(NodeProcess process, HostFailure failure) {
    process.transition(ProcessPhase.CRASHED, failure.getMessage());
    pool.remove(process);
    metrics.processCrashed(app);
    LOG.error("{}: {}", app, failure.getMessage());
    boolean servingRevision =
        process.replaces() == null && process.revision() == revisions.serving();
    if (process.replaces() != null) {
      LOG.warn(
          "{}: the replacement for process {} failed; it keeps serving",
          app,
          process.replaces().pid());
      // Back in full service: if it really hangs, the next health check says so again.
      process.replaces().reinstate();
    } else if (process.revision() != revisions.serving()) {
      revisions.abandon();
      life.move(AppState.RUNNING, "recycle failed: " + failure.getMessage());
    } else if (!pool.anyLive(revisions.serving())) {
      // Nothing will serve the queue soon: fail it now with the cause rather than let it time out.
      queue.failAll(failure);
    }
    counted(-1, failure.getMessage());
    if (servingRevision) {
      life.startFailed(failure.getMessage() + failure.telltaleLine());
      // Retried with back-off even without requests, so that an application nobody requests
      // yet (a preloaded one, which readiness waits for) recovers once the cause is gone.
      scheduleRestart();
    }
  }

  void exited(NodeProcess process, ProcessPhase before, int exitCode) {
    metrics.processExited(app);
    pool.remove(process);
    if (before.shown() == ProcessState.READY) {
      process.transition(ProcessPhase.CRASHED, "exited with code " + exitCode);
      metrics.processCrashed(app);
      LOG.warn("{}: process {} exited with code {}; replacing it", app, process.pid(), exitCode);
      counted(
          clock.millis() - process.readyAtMillis(),
          "process " + process.pid() + " exited with code " + exitCode);
      scheduleRestart();
    } else if (before.shown() == ProcessState.DRAINING) {
      process.transition(ProcessPhase.STOPPED, "exited with code " + exitCode);
      LOG.info("{}: process {} stopped (exit code {})", app, process.pid(), exitCode);
    }
  }

  /** Crash restarts back off exponentially so a crash loop does not burn the CPU. */
  private void scheduleRestart() {
    if (restartPending
        || life.state() == AppState.STOPPED
        || life.state() == AppState.OUT_OF_SERVICE) {
      return;
    }
    restartPending = true;
    vertx.setTimer(
        crashes.restartDelayMillis(),
        id -> {
          synchronized (lock) {
            restartPending = false;
            restart.run();
          }
        });
  }

  /**
   * Counts a crash for the restart back-off and for rapid-fail protection: a crash loop with no
   * process left serving takes the application out of service.
   *
   * @param readyMillis how long the process was ready, -1 when it never was
   */
  private void counted(long readyMillis, String cause) {
    Settings settings = revisions.serving().settings();
    if (crashes.crashedAndTrips(readyMillis, pool.anyReady(), settings) && life.serves()) {
      life.outOfService(crashes.outOfServiceCause(app, cause, settings));
      pool.members().forEach(p -> retirement.stopNow(p, "out of service"));
      queue.failAll(new HostFailure(HostFailure.Kind.OUT_OF_SERVICE, life.outOfServiceCause()));
    }
  }
}
