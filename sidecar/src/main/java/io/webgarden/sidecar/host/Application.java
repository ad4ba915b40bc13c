package io.webgarden.sidecar.host;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node application (one entry-point script), a façade over its parts: the {@link ProcessPool}
 * of its processes, the {@link AdmissionQueue} where requests wait, the {@link RevisionSwitch} that
 * recycles it, {@link Retirement} for processes leaving service and the {@link CrashPolicy}. It
 * owns the application's {@link AppState} and answers the processes' callbacks. See the package
 * documentation for the threading model.
 */
public final class Application implements Admission, NodeProcess.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final Vertx vertx;
  private final String name;
  private final Path script;
  private final ProcessRequests processRequests;
  private final SidecarMetrics metrics;
  private final ProcessPool pool;
  private final AdmissionQueue queue;
  private final Retirement retirement;
  private final RevisionSwitch revisions;
  private final CrashPolicy crashes = new CrashPolicy(Clock.systemUTC());

  private AppState state = AppState.IDLE;
  private String outOfServiceCause;

  /** Why the serving revision's last start failed; cleared once a process is ready. */
  private String lastStartFailure;

  private boolean restartPending;
  private volatile long lastRequestMillis = System.currentTimeMillis();

  /** Creates processes for this application; the manager supplies addresses and hooks. */
  interface ProcessFactory {
    NodeProcess create(Application owner, AppRevision revision, NodeProcess replaces);
  }

  Application(
      Vertx vertx,
      String name,
      Path script,
      AppRevision revision,
      ProcessFactory processes,
      ProcessRequests processRequests,
      SidecarMetrics metrics) {
    this.vertx = vertx;
    this.name = name;
    this.script = script;
    this.processRequests = processRequests;
    this.metrics = metrics;
    this.pool =
        new ProcessPool(
            name,
            (rev, replaces) -> {
              NodeProcess process = processes.create(this, rev, replaces);
              process.start();
              return process;
            },
            metrics);
    this.retirement = new Retirement(vertx, name, Retirement.Signals.REAL, pool::leftService);
    this.revisions = new RevisionSwitch(name, revision, pool, retirement, metrics);
    this.queue =
        new AdmissionQueue(
            this,
            vertx,
            name,
            metrics,
            pool.forQueue(this::revision),
            this::revision,
            this::release);
    metrics.queueDepth(name, this::queueDepth);
    metrics.outOfService(name, () -> state() == AppState.OUT_OF_SERVICE ? 1 : 0);
  }

  @Override
  public String name() {
    return name;
  }

  public Path script() {
    return script;
  }

  @Override
  public synchronized Settings settings() {
    return revisions.serving().settings();
  }

  public synchronized AppRevision revision() {
    return revisions.serving();
  }

  /** The newest revision: the one being started during a recycle, else the serving one. */
  public synchronized AppRevision latestRevision() {
    return revisions.target();
  }

  public synchronized AppState state() {
    return state;
  }

  @Override
  public Future<Lease> admit(String pin) {
    return admit(Set.of(), pin);
  }

  @Override
  public Future<Lease> retry(Lease failed, String pin) {
    return admit(Set.of(failed.process()), pin);
  }

  private Future<Lease> admit(Set<NodeProcess> exclude, String pin) {
    lastRequestMillis = System.currentTimeMillis();
    var caller = vertx.getOrCreateContext();
    synchronized (this) {
      if (state == AppState.STOPPED) {
        return queue.reject(HostFailure.Kind.SHUTTING_DOWN, "the sidecar is shutting down");
      }
      if (state == AppState.OUT_OF_SERVICE) {
        return queue.reject(HostFailure.Kind.OUT_OF_SERVICE, outOfServiceCause);
      }
      if (state == AppState.IDLE) {
        transition(AppState.RUNNING, "first request");
        queue.holdForDemandStart();
      }
      ensureProcesses();
      return queue.admit(caller, exclude, pin);
    }
  }

  @Override
  public void abandon(Future<Lease> admission) {
    queue.abandon(admission);
  }

  @Override
  public synchronized Optional<String> stickyPin(Lease lease) {
    return queue.pin(lease.process());
  }

  private synchronized void release(NodeProcess process) {
    process.requestEnded();
    retirement.released(process);
    queue.dispatch();
  }

  /** Starts processes until the target revision has its full count. Caller holds the lock. */
  private void ensureProcesses() {
    if (!restartPending && (state == AppState.RUNNING || state == AppState.RECYCLING)) {
      pool.ensure(revisions.target());
    }
  }

  @Override
  public void onListening(NodeProcess process) {
    List<WarmupPage> pages = process.revision().warmupPages();
    if (pages.isEmpty()) {
      ready(process);
      return;
    }
    long timeout = process.revision().settings().integer(Setting.PROCESS_START_TIMEOUT_MS);
    processRequests
        .warmUp(process, pages, timeout)
        .onComplete(
            warm -> {
              if (warm.failed()) {
                LOG.warn(
                    "{}: warm-up of process {} failed ({}); it takes traffic anyway",
                    name,
                    process.pid(),
                    warm.cause().getMessage());
                metrics.warmupFailed(name);
              }
              ready(process);
            });
  }

  private synchronized void ready(NodeProcess process) {
    if (process.phase() != ProcessPhase.STARTING) {
      return;
    }
    process.transition(ProcessPhase.READY, "listening on " + process.address().portValue());
    lastStartFailure = null;
    pool.ready(process);
    if (process.replaces() != null) {
      retirement.drain(process.replaces(), process.replaces().retireReason());
    }
    if (revisions.completedBy(process)) {
      transition(AppState.RUNNING, "revision " + revisions.target().number() + " is ready");
      revisions.switchOver();
    }
    queue.processReady();
  }

  @Override
  public synchronized void onStartFailed(NodeProcess process, HostFailure failure) {
    process.transition(ProcessPhase.CRASHED, failure.getMessage());
    pool.remove(process);
    metrics.processCrashed(name);
    LOG.error("{}: {}", name, failure.getMessage());
    boolean servingRevision = process.replaces() == null && process.revision() == revision();
    if (process.replaces() != null) {
      LOG.warn(
          "{}: the replacement for process {} failed; it keeps serving",
          name,
          process.replaces().pid());
      // Back in full service: if it really hangs, the next health check says so again.
      process.replaces().reinstate();
    } else if (process.revision() != revision()) {
      revisions.abandon();
      transition(AppState.RUNNING, "recycle failed: " + failure.getMessage());
    } else if (!pool.anyLive(revision())) {
      // Nothing will serve the queue soon: fail it now with the cause rather than let it time out.
      queue.failAll(failure);
    }
    recordCrash(-1, failure.getMessage());
    if (servingRevision) {
      lastStartFailure = failure.getMessage() + failure.telltaleLine();
      // Retried with back-off even without requests, so that an application nobody requests
      // yet (a preloaded one, which readiness waits for) recovers once the cause is gone.
      scheduleRestart();
    }
  }

  @Override
  public synchronized void onExit(NodeProcess process, ProcessPhase before, int exitCode) {
    metrics.processExited(name);
    pool.remove(process);
    if (before.shown() == ProcessState.READY) {
      process.transition(ProcessPhase.CRASHED, "exited with code " + exitCode);
      metrics.processCrashed(name);
      LOG.warn("{}: process {} exited with code {}; replacing it", name, process.pid(), exitCode);
      recordCrash(
          System.currentTimeMillis() - process.readyAtMillis(),
          "process " + process.pid() + " exited with code " + exitCode);
      scheduleRestart();
    } else if (before.shown() == ProcessState.DRAINING) {
      process.transition(ProcessPhase.STOPPED, "exited with code " + exitCode);
      LOG.info("{}: process {} stopped (exit code {})", name, process.pid(), exitCode);
    }
  }

  /** Crash restarts back off exponentially so a crash loop does not burn the CPU. */
  private void scheduleRestart() {
    if (restartPending || state == AppState.STOPPED || state == AppState.OUT_OF_SERVICE) {
      return;
    }
    restartPending = true;
    vertx.setTimer(
        crashes.restartDelayMillis(),
        id -> {
          synchronized (this) {
            restartPending = false;
            ensureProcesses();
          }
        });
  }

  /**
   * Counts a crash for the restart back-off and for rapid-fail protection ({@link CrashPolicy}): a
   * crash loop with no process left serving takes the application out of service.
   *
   * @param readyMillis how long the process was ready, -1 when it never was
   */
  private void recordCrash(long readyMillis, String cause) {
    Settings settings = settings();
    if (crashes.crashedAndTrips(readyMillis, pool.anyReady(), settings)
        && (state == AppState.RUNNING || state == AppState.RECYCLING)) {
      outOfServiceCause = crashes.outOfServiceCause(name, cause, settings);
      transition(AppState.OUT_OF_SERVICE, outOfServiceCause);
      pool.members().forEach(p -> retirement.stopNow(p, "out of service"));
      queue.failAll(new HostFailure(HostFailure.Kind.OUT_OF_SERVICE, outOfServiceCause));
    }
  }

  /**
   * Moves the application along an edge of {@link AppState#EDGES}; logged and counted. Staying in
   * the same state is no transition. Caller holds the lock.
   */
  private void transition(AppState next, String why) {
    AppState from = state;
    if (from != next) {
      AppState.EDGES.check(from, next);
      LOG.info("{}: {} -> {} ({})", name, from, next, why);
      state = next;
      metrics.applicationTransition(from.name(), next.name());
    }
  }

  /**
   * Recycles the whole application into {@code next} (new code, re-read configuration, or a debug
   * session), overlapped. Brings an out-of-service application back.
   *
   * @return the pids of the processes being replaced
   */
  public synchronized List<Long> recycle(AppRevision next, String reason) {
    if (state == AppState.STOPPED) {
      return List.of();
    }
    crashes.clear();
    lastStartFailure = null;
    boolean serves = state == AppState.RUNNING || state == AppState.RECYCLING;
    RevisionSwitch.Begun begun = revisions.begin(next, serves, reason);
    if (begun.overlaps()) {
      transition(AppState.RECYCLING, reason);
    } else {
      // Nothing to overlap with: the new revision serves as soon as it is up.
      transition(state == AppState.IDLE ? AppState.IDLE : AppState.RUNNING, reason);
    }
    ensureProcesses();
    return begun.replaced();
  }

  /**
   * Replaces one process, overlapped: a replacement of the same revision starts and the process
   * drains once it is ready. Ignored if the process is already being replaced or gone.
   */
  public synchronized boolean recycleProcess(long pid, String reason) {
    // A debugged process is left alone: its replacement could not take the inspector's port,
    // and a process paused at a breakpoint looks hung to every policy.
    return state != AppState.STOPPED
        && !revision().mode().debug()
        && revisions.replace(pid, reason);
  }

  /**
   * Records the resident memory of the process {@code pid} measured now, for policies and /apps.
   */
  public synchronized void residentBytes(long pid, long bytes) {
    NodeProcess process = pool.find(pid);
    if (process != null) {
      process.residentBytes(bytes);
    }
  }

  /** Pings a process at healthCheckPath; fails on a timeout or a status of 500 or more. */
  public Future<Integer> healthCheck(NodeProcess process) {
    return processRequests.healthCheck(process);
  }

  /**
   * Replaces a hung process: it gets no more requests and, once its replacement is ready, is
   * killed. With orphanHungProcesses it is left running instead for orphanTimeoutMs and
   * orphanCommand runs for it, e.g. to take a heap snapshot; then it is killed.
   */
  public synchronized boolean recycleHungProcess(long pid, String reason) {
    if (!recycleProcess(pid, reason)) {
      return false;
    }
    retirement.markHung(pool.find(pid), settings());
    return true;
  }

  /** Stops all processes of an application without requests for {@code idleMillis}. */
  public synchronized boolean stopIfIdle(long idleMillis) {
    if (state != AppState.RUNNING
        || !queue.isEmpty()
        || pool.busy()
        || System.currentTimeMillis() - lastRequestMillis < idleMillis) {
      return false;
    }
    transition(AppState.IDLE, "no requests for " + idleMillis + " ms (idleTimeoutMs)");
    pool.members().forEach(p -> retirement.drain(p, "idle"));
    return true;
  }

  /** Starts the processes now rather than on the first request (preloadEnabled). */
  public synchronized void preload() {
    if (state == AppState.IDLE) {
      transition(AppState.RUNNING, "preload");
      ensureProcesses();
    }
  }

  /**
   * Whether the application can take traffic: not out of service and, unless idle (it starts on
   * demand), at least one ready process.
   */
  public synchronized boolean isReady() {
    return notReadyReason() == null;
  }

  /** Why the application cannot take traffic now, for /readyz; null when it can. */
  public synchronized String notReadyReason() {
    return switch (state) {
      case IDLE -> null;
      case STOPPED -> "the sidecar is shutting down";
      case OUT_OF_SERVICE -> "out of service: " + outOfServiceCause;
      case RUNNING, RECYCLING ->
          pool.anyReady()
              ? null
              : lastStartFailure != null
                  ? "its last start failed (retrying with back-off): " + lastStartFailure
                  : "no process is ready yet (starting or warming up)";
    };
  }

  @Override
  public synchronized int queueDepth() {
    return queue.size();
  }

  @Override
  public synchronized int processCount() {
    return pool.size();
  }

  /** The processes that take or may soon take requests, for policies and diagnostics. */
  public synchronized List<NodeProcess> processes() {
    return pool.members();
  }

  public synchronized AppStatus status() {
    return new AppStatus(
        name,
        state,
        revision().number(),
        queue.size(),
        state == AppState.OUT_OF_SERVICE ? outOfServiceCause : null,
        pool.status(System.currentTimeMillis()));
  }

  /**
   * Stops taking new requests, lets in-flight and queued ones finish within {@code grace}, then
   * stops every process. Completes when all have exited.
   */
  public Future<Void> stop(Duration grace) {
    long deadline = System.currentTimeMillis() + grace.toMillis();
    Promise<Void> drained = Promise.promise();
    awaitIdle(deadline, drained);
    return drained
        .future()
        .compose(
            v -> {
              List<NodeProcess> toStop;
              synchronized (this) {
                transition(AppState.STOPPED, "sidecar shutdown");
                toStop = pool.members();
                toStop.forEach(p -> p.transition(ProcessPhase.DRAINING, "sidecar shutdown"));
                queue.failAll(
                    new HostFailure(
                        HostFailure.Kind.SHUTTING_DOWN, "the sidecar is shutting down"));
              }
              toStop.forEach(NodeProcess::destroy);
              return vertx.executeBlocking(
                  () -> {
                    for (NodeProcess process : toStop) {
                      process.awaitExit(Duration.ofSeconds(10));
                    }
                    return null;
                  },
                  false);
            });
  }

  private void awaitIdle(long deadline, Promise<Void> drained) {
    boolean idle;
    synchronized (this) {
      idle = queue.isEmpty() && !pool.busy();
    }
    if (idle || System.currentTimeMillis() >= deadline) {
      drained.complete();
    } else {
      vertx.setTimer(20, id -> awaitIdle(deadline, drained));
    }
  }
}
