package io.webgarden.sidecar.host;

import io.vertx.core.Vertx;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a process leaves service. A drained process gets no new requests; its in-flight ones finish
 * within gracefulShutdownTimeout, then it gets SIGTERM (and SIGKILL 5 s later). A hung one (a
 * failed health check) is killed at once, and with orphanHungProcesses it is orphaned instead: left
 * running without requests for orphanTimeoutMs while orphanCommand runs for it, then killed. Not
 * thread-safe: the owning application's monitor guards it.
 */
final class Retirement {
  private static final Logger LOG = LoggerFactory.getLogger(Retirement.class);

  /** What is done to an operating-system process; tests watch it instead. */
  interface Signals {
    /** SIGTERM, then SIGKILL if it lingers. */
    void terminate(NodeProcess process);

    /** SIGKILL now. */
    void kill(NodeProcess process);

    Signals REAL =
        new Signals() {
          @Override
          public void terminate(NodeProcess process) {
            process.destroy();
          }

          @Override
          public void kill(NodeProcess process) {
            process.kill();
          }
        };
  }

  private final Vertx vertx;
  private final String app;
  private final Signals signals;
  private final Consumer<NodeProcess> leftService;

  /**
   * @param leftService told of every ready process that stops serving
   */
  Retirement(Vertx vertx, String app, Signals signals, Consumer<NodeProcess> leftService) {
    this.vertx = vertx;
    this.app = app;
    this.signals = signals;
    this.leftService = leftService;
  }

  /** Stops giving a process requests; it is stopped once its in-flight ones finish. */
  void drain(NodeProcess process, String reason) {
    if (!process.phase().isLive()) {
      return;
    }
    if (process.phase() == ProcessPhase.STARTING) {
      stopNow(process, reason);
      return;
    }
    boolean hung = process.phase() == ProcessPhase.HUNG;
    if (hung && process.orphanMillis() > 0) {
      process.transition(ProcessPhase.ORPHANED, reason);
      leftService.accept(process);
      orphan(process, reason);
      return;
    }
    process.transition(ProcessPhase.DRAINING, reason);
    leftService.accept(process);
    if (hung) {
      LOG.warn(
          "{}: killing hung process {} ({}; {} requests in flight)",
          app,
          process.pid(),
          reason,
          process.activeRequests());
      signals.kill(process);
      return;
    }
    LOG.info(
        "{}: draining process {} ({}; {} requests in flight)",
        app,
        process.pid(),
        reason,
        process.activeRequests());
    if (process.activeRequests() == 0) {
      signals.terminate(process);
      return;
    }
    long grace = process.revision().settings().integer(Setting.GRACEFUL_SHUTDOWN_TIMEOUT);
    vertx.setTimer(
        Math.max(1, grace),
        id -> {
          if (!process.state().isFinal()) {
            if (process.activeRequests() > 0) {
              LOG.warn(
                  "{}: process {} still had {} requests after gracefulShutdownTimeout",
                  app,
                  process.pid(),
                  process.activeRequests());
            }
            signals.terminate(process);
          }
        });
  }

  /**
   * Stops a process without letting it finish anything: one that never served (a superseded or
   * failed revision) or every one of an application going out of service.
   */
  void stopNow(NodeProcess process, String why) {
    process.transition(ProcessPhase.DRAINING, why);
    signals.terminate(process);
  }

  /** A request on {@code process} ended: a drained process stops with its last one. */
  void released(NodeProcess process) {
    if (process.phase() == ProcessPhase.DRAINING && process.activeRequests() == 0) {
      signals.terminate(process);
    }
  }

  /**
   * Marks a process a health check found hung: once its replacement is ready it is killed, or with
   * orphanHungProcesses orphaned.
   */
  void markHung(NodeProcess process) {
    Settings settings = process.revision().settings();
    process.markHung();
    if (settings.bool(Setting.ORPHAN_HUNG_PROCESSES)) {
      process.orphanFor(
          settings.integer(Setting.ORPHAN_TIMEOUT_MS), settings.string(Setting.ORPHAN_COMMAND));
    }
  }

  /** A hung process kept alive for diagnosis: no requests, the orphan command, then SIGKILL. */
  private void orphan(NodeProcess process, String reason) {
    LOG.warn(
        "{}: orphaning hung process {} for {} ms ({})",
        app,
        process.pid(),
        process.orphanMillis(),
        reason);
    String command = process.orphanCommand().replace("{pid}", Long.toString(process.pid()));
    if (!command.isBlank()) {
      vertx
          .executeBlocking(
              () -> {
                Process started = new ProcessBuilder("sh", "-c", command).inheritIO().start();
                return started.waitFor();
              },
              false)
          .onComplete(
              ran ->
                  LOG.info(
                      "{}: orphanCommand for process {} {}",
                      app,
                      process.pid(),
                      ran.succeeded()
                          ? "exited with " + ran.result()
                          : "failed: " + ran.cause().getMessage()));
    }
    vertx.setTimer(Math.max(1, process.orphanMillis()), id -> signals.kill(process));
  }
}
