package io.webgarden.sidecar.host;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
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
  private final Clock clock;
  private final CrashResponse crashes;

  private final AppLife life;

  /** Set by {@link #stop} until in-flight and queued requests are done; null otherwise. */
  private Promise<Void> idle;

  private volatile long lastRequestMillis;

  /**
   * Creates and starts processes for this application; the manager supplies addresses and hooks.
   */
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
      SidecarMetrics metrics,
      Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.life = new AppLife(name, metrics);
    this.lastRequestMillis = clock.millis();
    this.name = name;
    this.script = script;
    this.processRequests = processRequests;
    this.metrics = metrics;
    this.pool =
        new ProcessPool(name, (rev, replaces) -> processes.create(this, rev, replaces), metrics);
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
            this::release,
            this::checkIdle);
    this.crashes =
        new CrashResponse(
            this,
            vertx,
            name,
            metrics,
            clock,
            life,
            pool,
            queue,
            retirement,
            revisions,
            this::ensureProcesses);
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

  /**
   * Completes with the serving revision once no recycle is pending: when the one under way has
   * switched over or was abandoned (then the old revision serves on), at once when none is. It
   * completes on the caller's context.
   */
  public Future<AppRevision> settledRevision() {
    var caller = vertx.getOrCreateContext();
    Promise<AppRevision> settled = Promise.promise();
    synchronized (this) {
      revisions.whenSettled(serving -> caller.runOnContext(v -> settled.complete(serving)));
    }
    return settled.future();
  }

  public synchronized AppState state() {
    return life.state();
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
    lastRequestMillis = clock.millis();
    var caller = vertx.getOrCreateContext();
    synchronized (this) {
      if (life.state() == AppState.STOPPED) {
        return queue.reject(HostFailure.Kind.SHUTTING_DOWN, "the sidecar is shutting down");
      }
      if (life.state() == AppState.OUT_OF_SERVICE) {
        return queue.reject(HostFailure.Kind.OUT_OF_SERVICE, life.outOfServiceCause());
      }
      if (life.state() == AppState.IDLE) {
        life.move(AppState.RUNNING, "first request");
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
    checkIdle();
  }

  /** Starts processes until the target revision has its full count. Caller holds the lock. */
  private void ensureProcesses() {
    if (!crashes.restartPending() && life.serves()) {
      pool.ensure(revisions.target());
    }
  }

  @Override
  public void onListening(NodeProcess process) {
    processRequests.warmUp(name, process).onComplete(warm -> ready(process));
  }

  private synchronized void ready(NodeProcess process) {
    if (process.phase() != ProcessPhase.STARTING) {
      return;
    }
    process.transition(ProcessPhase.READY, "listening on " + process.address().portValue());
    life.startSucceeded();
    pool.ready(process);
    if (process.replaces() != null) {
      retirement.drain(process.replaces(), process.replaces().retireReason());
    }
    if (revisions.completedBy(process)) {
      life.move(AppState.RUNNING, "revision " + revisions.target().number() + " is ready");
      revisions.switchOver();
    }
    queue.processReady();
  }

  @Override
  public synchronized void onStartFailed(NodeProcess process, HostFailure failure) {
    crashes.startFailed(process, failure);
  }

  @Override
  public synchronized void onExit(NodeProcess process, ProcessPhase before, int exitCode) {
    crashes.exited(process, before, exitCode);
  }

  /**
   * Recycles the whole application into {@code next} (new code, re-read configuration, or a debug
   * session), overlapped. Brings an out-of-service application back.
   *
   * @return the pids of the processes being replaced
   */
  public synchronized List<Long> recycle(AppRevision next, String reason) {
    if (life.state() == AppState.STOPPED) {
      return List.of();
    }
    crashes.clear();
    life.startSucceeded();
    RevisionSwitch.Begun begun = revisions.begin(next, life.serves(), reason);
    if (begun.overlaps()) {
      life.move(AppState.RECYCLING, reason);
    } else if (life.state() != AppState.IDLE) {
      // Nothing to overlap with: the new revision serves as soon as it is up.
      life.move(AppState.RUNNING, reason);
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
    return life.state() != AppState.STOPPED
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

  /**
   * Pings the process {@code pid} at healthCheckPath; fails on a timeout, a status of 500 or more,
   * or when it is gone.
   */
  public Future<Integer> healthCheck(long pid) {
    NodeProcess process;
    synchronized (this) {
      process = pool.find(pid);
    }
    return process == null
        ? Future.failedFuture("process " + pid + " is gone")
        : processRequests.healthCheck(process);
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
    retirement.markHung(pool.find(pid));
    return true;
  }

  /** Stops all processes of an application without requests for {@code idleMillis}. */
  public synchronized boolean stopIfIdle(long idleMillis) {
    if (life.state() != AppState.RUNNING
        || !queue.isEmpty()
        || pool.busy()
        || clock.millis() - lastRequestMillis < idleMillis) {
      return false;
    }
    life.move(AppState.IDLE, "no requests for " + idleMillis + " ms (idleTimeoutMs)");
    pool.members().forEach(p -> retirement.drain(p, "idle"));
    return true;
  }

  /** Starts the processes now rather than on the first request (preloadEnabled). */
  public synchronized void preload() {
    if (life.state() == AppState.IDLE) {
      life.move(AppState.RUNNING, "preload");
      ensureProcesses();
    }
  }

  /**
   * Why the application cannot take traffic now, for /readyz: out of service, or no ready process
   * while not idle (an idle one starts on demand); null when it can.
   */
  public synchronized String notReadyReason() {
    return life.notReadyReason(pool.anyReady());
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
        life.state(),
        revision().number(),
        queue.size(),
        life.outOfServiceCause(),
        pool.status(clock.millis()));
  }

  /**
   * Stops taking new requests, lets in-flight and queued ones finish within {@code grace}, then
   * stops every process. Completes when all have exited.
   */
  public Future<Void> stop(Duration grace) {
    Promise<Void> done = Promise.promise();
    synchronized (this) {
      idle = done;
      checkIdle();
    }
    long timer = vertx.setTimer(Math.max(1, grace.toMillis()), id -> done.tryComplete());
    return done.future()
        .compose(
            v -> {
              vertx.cancelTimer(timer);
              List<NodeProcess> toStop;
              synchronized (this) {
                life.move(AppState.STOPPED, "sidecar shutdown");
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

  /** During {@link #stop}: completes the wait once nothing is in flight or queued. */
  private synchronized void checkIdle() {
    if (idle != null && queue.isEmpty() && !pool.busy()) {
      // Not inside the caller's critical section: the stop goes on from here.
      Promise<Void> done = idle;
      vertx.runOnContext(v -> done.tryComplete());
    }
  }
}
