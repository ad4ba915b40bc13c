package io.webgarden.sidecar.host;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node process of an application: starts its {@link ChildProcess}, waits until it listens,
 * tracks its requests and stops it. Its life is a {@link ProcessPhase}; its start, failure and exit
 * are reported to the owning {@link Application}, whose monitor guards the phase changes.
 */
public final class NodeProcess {
  private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);
  private static final long FIRST_PROBE_DELAY_MS = 10;
  private static final long DEBUG_START_BUDGET_MS = 10 * 60_000;

  /** Callbacks to the owner; called on the owner's context. */
  interface Listener {
    void onListening(NodeProcess process);

    void onStartFailed(NodeProcess process, HostFailure failure);

    void onExit(NodeProcess process, ProcessPhase before, int exitCode);
  }

  /**
   * What a process needs before it is spawned that allocates sockets, such as the control pipe. It
   * runs on the process's context on a later turn, never under the application's monitor (the
   * caller of {@link #start} holds it), and completes with the environment variables to add.
   */
  interface Setup {
    Setup NONE = process -> Future.succeededFuture(Map.of());

    Future<Map<String, String>> prepare(NodeProcess process);
  }

  private final Vertx vertx;
  private final Context context;
  private final ConnectProbe probe;
  private final String appName;
  private final Path script;
  private final AppRevision revision;
  private final WorkerAddress address;
  private final Setup setup;
  private final ChildLifetime lifetime;
  private final Listener listener;
  private final NodeProcess replaces;
  private final Clock clock;
  private final long startedAtMillis;

  private final SidecarMetrics metrics;
  private volatile ProcessPhase phase = ProcessPhase.STARTING;
  private volatile long readyAtMillis;
  private volatile int activeRequests;
  private volatile long servedRequests;
  private volatile long residentBytes;
  private volatile String retireReason;
  private volatile long orphanMillis;
  private volatile String orphanCommand = "";

  private final List<Runnable> exitHooks = new CopyOnWriteArrayList<>();
  private volatile ChildProcess child;

  NodeProcess(
      Vertx vertx,
      Context context,
      ConnectProbe probe,
      String appName,
      Path script,
      AppRevision revision,
      WorkerAddress address,
      Setup setup,
      ChildLifetime lifetime,
      NodeProcess replaces,
      Listener listener,
      SidecarMetrics metrics,
      Clock clock) {
    this.vertx = vertx;
    this.context = context;
    this.probe = probe;
    this.appName = appName;
    this.script = script;
    this.revision = revision;
    this.address = address;
    this.setup = setup;
    this.lifetime = lifetime;
    this.replaces = replaces;
    this.listener = listener;
    this.metrics = metrics;
    this.clock = clock;
    this.startedAtMillis = clock.millis();
  }

  /**
   * Runs the {@link Setup}, spawns the process off the event loop, then probes its socket until it
   * listens.
   */
  void start() {
    // Everything happens on later turns of the process's context, never inside start(): its
    // caller holds the application's lock in the middle of admitting a request. The setup
    // allocates sockets, which the lock must not cover; and a spawn that failed at once (no such
    // node) was reported from there before that request was queued, so nothing failed the
    // request and it waited for the back-off retry or timed out.
    context.runOnContext(
        v ->
            setup
                .prepare(this)
                .compose(
                    environment ->
                        vertx.executeBlocking(
                            () ->
                                ChildProcess.spawn(
                                    appName,
                                    revision,
                                    script,
                                    address,
                                    environment,
                                    lifetime,
                                    startedAtMillis),
                            false))
                .onComplete(result -> context.runOnContext(w -> spawned(result))));
  }

  private void spawned(AsyncResult<ChildProcess> spawned) {
    if (spawned.failed()) {
      exitHooks.forEach(Runnable::run);
      fail(
          new HostFailure(
              HostFailure.Kind.APP_START_FAILED,
              "the process could not be started: "
                  + spawned.cause().getMessage()
                  + ". Check nodeProcessCommandLine ("
                  + commandLine()
                  + ")."));
      return;
    }
    child = spawned.result();
    child.exitCode().thenAccept(exitCode -> context.runOnContext(v -> exited(exitCode)));
    if (phase != ProcessPhase.STARTING) {
      // Superseded while it was being spawned: destroy() found nothing to stop then.
      destroy();
      return;
    }
    probe();
  }

  private String commandLine() {
    return revision.settings().string(Setting.NODE_PROCESS_COMMAND_LINE);
  }

  private long probeBudgetMillis() {
    if (revision.mode().debug()) {
      // Under --inspect-brk the app listens only once a debugger lets it run.
      return DEBUG_START_BUDGET_MS;
    }
    // processStartTimeoutMs alone: iisnode's maxNamedPipeConnectionRetry x
    // namedPipeConnectionRetryDelay (25 s by default) expressed the same limit as a count of
    // attempts, and capping one by the other made a longer processStartTimeoutMs useless.
    return revision.settings().integer(Setting.PROCESS_START_TIMEOUT_MS);
  }

  private void probe() {
    long delay = revision.settings().integer(Setting.NAMED_PIPE_CONNECTION_RETRY_DELAY);
    probe
        .await(
            address.socketAddress(),
            System.currentTimeMillis() + probeBudgetMillis(),
            FIRST_PROBE_DELAY_MS,
            delay,
            () -> phase == ProcessPhase.STARTING)
        .onComplete(
            listening -> {
              if (phase != ProcessPhase.STARTING) {
                return;
              }
              if (listening.succeeded()) {
                listener.onListening(this);
                return;
              }
              fail(
                  new HostFailure(
                      HostFailure.Kind.APP_NOT_LISTENING,
                      "the process did not listen on PORT within "
                          + probeBudgetMillis()
                          + " ms"
                          + (revision.mode().debug() ? "" : " (processStartTimeoutMs)")
                          + ". Call"
                          + " server.listen(process.env.PORT) in "
                          + script.getFileName()
                          + ".",
                      outputTail()));
              destroy();
            });
  }

  /** Reports a start failure once; the owner decides what it means for the application. */
  void fail(HostFailure failure) {
    if (phase == ProcessPhase.STARTING) {
      listener.onStartFailed(this, failure);
    }
  }

  /** Runs {@code hook} once the process has exited (or could not be started). */
  void onExited(Runnable hook) {
    exitHooks.add(hook);
  }

  private void exited(int exitCode) {
    exitHooks.forEach(Runnable::run);
    if (phase == ProcessPhase.STARTING) {
      fail(
          new HostFailure(
              HostFailure.Kind.APP_START_FAILED,
              "the process exited with code " + exitCode + " before it listened on PORT.",
              outputTail()));
    }
    listener.onExit(this, phase, exitCode);
  }

  /** Asks the process to stop now: SIGTERM, then SIGKILL if it lingers. */
  void destroy() {
    ChildProcess running = child;
    if (running != null) {
      running.terminate(vertx);
    }
  }

  /** Blocks until the process has exited and its log is closed, for the sidecar's shutdown. */
  void awaitExit(Duration timeout) throws InterruptedException {
    ChildProcess running = child;
    if (running != null) {
      running.awaitExit(timeout);
    }
  }

  public List<String> outputTail() {
    ChildProcess running = child;
    return running == null ? List.of() : running.outputTail();
  }

  public long pid() {
    ChildProcess running = child;
    return running == null ? -1 : running.pid();
  }

  public WorkerAddress address() {
    return address;
  }

  public AppRevision revision() {
    return revision;
  }

  public long startedAtMillis() {
    return startedAtMillis;
  }

  public ProcessState state() {
    return phase.shown();
  }

  ProcessPhase phase() {
    return phase;
  }

  /**
   * Moves the process along an edge of {@link ProcessPhase#EDGES}; logged and counted. Staying in
   * the same phase is no transition. The owning application's monitor is held.
   *
   * @throws IllegalStateException for an edge outside the table
   */
  void transition(ProcessPhase next, String why) {
    ProcessPhase from = phase;
    if (from == next) {
      return;
    }
    ProcessPhase.EDGES.check(from, next);
    LOG.info("{}: process {} {} -> {} ({})", appName, pid(), from, next, why);
    if (from == ProcessPhase.STARTING && next == ProcessPhase.READY) {
      readyAtMillis = clock.millis();
    }
    phase = next;
    metrics.processTransition(from.name(), next.name());
  }

  /** When the process became ready (took its first request), for rapid-fail protection. */
  long readyAtMillis() {
    return readyAtMillis;
  }

  /** The process this one was started to replace, or null. */
  NodeProcess replaces() {
    return replaces;
  }

  /** Why this process is being replaced, or null while it is not. */
  String retireReason() {
    return retireReason;
  }

  /** Its replacement is starting; it serves until that one is ready. */
  void retire(String reason) {
    retireReason = reason;
    transition(ProcessPhase.RETIRING, reason);
  }

  void markHung() {
    transition(ProcessPhase.HUNG, "failed its health check");
  }

  /** Undoes retire, markHung and orphanFor: the replacement failed, this one serves on. */
  void reinstate() {
    retireReason = null;
    orphanMillis = 0;
    transition(ProcessPhase.READY, "its replacement failed to start");
  }

  /** Marks the process to be orphaned rather than stopped when it drains. */
  void orphanFor(long millis, String command) {
    orphanMillis = millis;
    orphanCommand = command;
  }

  long orphanMillis() {
    return orphanMillis;
  }

  String orphanCommand() {
    return orphanCommand;
  }

  /** SIGKILL now: for hung processes, which would not honour SIGTERM anyway. */
  void kill() {
    ChildProcess running = child;
    if (running != null) {
      running.kill();
    }
  }

  public int activeRequests() {
    return activeRequests;
  }

  public long servedRequests() {
    return servedRequests;
  }

  /** Resident memory at the last measurement, in bytes; 0 before the first. */
  public long residentBytes() {
    return residentBytes;
  }

  void residentBytes(long bytes) {
    residentBytes = bytes;
  }

  void requestStarted() {
    activeRequests++;
  }

  void requestEnded() {
    activeRequests--;
    servedRequests++;
  }

  @Override
  public String toString() {
    return appName + "#" + pid();
  }
}
