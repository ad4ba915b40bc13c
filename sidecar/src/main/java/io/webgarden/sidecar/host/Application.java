package io.webgarden.sidecar.host;

import io.vertx.core.Context;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node application (one entry-point script): its processes, its pending queue, admission and
 * recycling. See the package documentation for the threading model and {@link AppState} for its
 * life.
 *
 * <p>Recycles overlap: a new revision's processes start while the old ones keep serving, and only
 * once all new ones are ready do the old ones drain (no new requests; in-flight ones finish within
 * gracefulShutdownTimeout; then SIGTERM, then SIGKILL). A single process is replaced the same way.
 * A new revision that fails to start is dropped and the old one keeps serving.
 */
public final class Application implements NodeProcess.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  /** How long a retry gives the process that failed it to be seen exiting. */
  private static final long EXCLUDED_EXIT_GRACE_MS = 500;

  private final Vertx vertx;
  private final String name;
  private final Path script;
  private final ProcessFactory processes;
  private final ProcessRequests processRequests;
  private final SidecarMetrics metrics;

  private final List<NodeProcess> members = new ArrayList<>();
  private final Deque<Waiter> queue = new ArrayDeque<>();
  private final Map<NodeProcess, Runnable> gauges = new HashMap<>();
  private final CrashPolicy crashes = new CrashPolicy(Clock.systemUTC());
  private final StickyRouting sticky = new StickyRouting();

  /** Set from a demand start until the garden is up; null otherwise. */
  private DemandStart demandStart;

  private AppState state = AppState.IDLE;
  private AppRevision serving;
  private AppRevision target;
  private String outOfServiceCause;

  /** Why the serving revision's last start failed; cleared once a process is ready. */
  private String lastStartFailure;

  private int nextProcess;
  private boolean restartPending;
  private volatile long lastRequestMillis = System.currentTimeMillis();

  /**
   * @param pinnedPid the process a sticky cookie names, or 0
   */
  private record Waiter(
      Promise<Lease> promise,
      Context context,
      Set<NodeProcess> exclude,
      long pinnedPid,
      long timerId) {}

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
    this.serving = revision;
    this.target = revision;
    this.processes = processes;
    this.processRequests = processRequests;
    this.metrics = metrics;
    metrics.queueDepth(name, this::queueDepth);
    metrics.outOfService(name, () -> state() == AppState.OUT_OF_SERVICE ? 1 : 0);
  }

  public String name() {
    return name;
  }

  public Path script() {
    return script;
  }

  /** The settings requests are served with now. */
  public synchronized Settings settings() {
    return serving.settings();
  }

  public synchronized AppRevision revision() {
    return serving;
  }

  /** The newest revision: the one being started during a recycle, else the serving one. */
  public synchronized AppRevision latestRevision() {
    return target;
  }

  public synchronized AppState state() {
    return state;
  }

  /**
   * Admits a request: a lease on a ready process with a free slot, else a place in the queue. Must
   * be called on the request's context; the future completes there.
   *
   * @param exclude processes the request must not go to (one that just failed it)
   */
  public Future<Lease> acquire(Set<NodeProcess> exclude) {
    return acquire(exclude, null);
  }

  /**
   * Like {@link #acquire(Set)}, for a request that carries the nodeProcessStickySessions cookie
   * {@code pin} (or null): with sticky sessions on it goes to the process the pin names while that
   * process can take it, else to the next one in turn.
   */
  public Future<Lease> acquire(Set<NodeProcess> exclude, String pin) {
    Context caller = vertx.getOrCreateContext();
    lastRequestMillis = System.currentTimeMillis();
    synchronized (this) {
      if (state == AppState.STOPPED) {
        return rejected(HostFailure.Kind.SHUTTING_DOWN, "the sidecar is shutting down");
      }
      if (state == AppState.OUT_OF_SERVICE) {
        return rejected(HostFailure.Kind.OUT_OF_SERVICE, outOfServiceCause);
      }
      if (state == AppState.IDLE) {
        transition(AppState.RUNNING, "first request");
        demandStart = new DemandStart(System.nanoTime());
      }
      ensureProcesses();
      boolean stickyOn = serving.settings().bool(Setting.NODE_PROCESS_STICKY_SESSIONS);
      long pinnedPid = pin == null || !stickyOn ? 0 : sticky.pid(pin).orElse(0);
      NodeProcess process = holding() ? null : pick(exclude, pinnedPid);
      if (process != null) {
        return Future.succeededFuture(lease(process));
      }
      Settings settings = serving.settings();
      int limit = settings.integer(Setting.MAX_PENDING_REQUESTS);
      if (queue.size() >= limit) {
        return rejected(
            HostFailure.Kind.QUEUE_FULL,
            "all "
                + serving.processCount()
                + " processes are busy and the queue holds its maximum of "
                + limit
                + " requests (maxPendingRequests)");
      }
      Promise<Lease> promise = Promise.promise();
      long timeout = settings.integer(Setting.PENDING_REQUEST_TIMEOUT);
      Waiter[] self = new Waiter[1];
      long timerId = vertx.setTimer(timeout, id -> timedOut(self[0], timeout));
      self[0] = new Waiter(promise, caller, exclude, pinnedPid, timerId);
      queue.addLast(self[0]);
      if (!exclude.isEmpty()) {
        vertx.setTimer(EXCLUDED_EXIT_GRACE_MS, id -> giveUpIfOnlyExcludedRemain(self[0]));
      }
      return promise.future();
    }
  }

  /**
   * A retry waits for a process other than the one that failed it. When that process dropped the
   * connection because it died, its replacement is coming and the retry waits for it; when it is
   * alive and there is no other process, nothing will ever take the retry, so it fails now instead
   * of at pendingRequestTimeout.
   */
  private void giveUpIfOnlyExcludedRemain(Waiter waiter) {
    synchronized (this) {
      boolean excludedAlive =
          waiter.exclude().stream().anyMatch(p -> p.state() == ProcessState.READY);
      boolean otherLive =
          members.stream()
              .anyMatch(
                  p ->
                      !waiter.exclude().contains(p)
                          && (p.state() == ProcessState.STARTING
                              || p.state() == ProcessState.READY));
      if (!excludedAlive || otherLive || !queue.remove(waiter)) {
        return;
      }
    }
    vertx.cancelTimer(waiter.timerId());
    waiter
        .context()
        .runOnContext(
            v ->
                waiter
                    .promise()
                    .tryFail(
                        new HostFailure(
                            HostFailure.Kind.APP_CRASHED,
                            "the process closed the connection without answering, and"
                                + " no other process can take the request")));
  }

  /**
   * Forgets a queued request whose client went away, so it neither holds a place in the queue nor
   * gets a process later. Does nothing once the request was admitted.
   */
  public void abandon(Future<Lease> admission) {
    Waiter abandoned = null;
    synchronized (this) {
      for (Waiter waiter : queue) {
        if (waiter.promise().future() == admission) {
          abandoned = waiter;
          break;
        }
      }
      if (abandoned == null) {
        return;
      }
      queue.remove(abandoned);
    }
    vertx.cancelTimer(abandoned.timerId());
    Waiter gone = abandoned;
    gone.context()
        .runOnContext(
            v ->
                gone.promise()
                    .tryFail(
                        new HostFailure(
                            HostFailure.Kind.CLIENT_GONE,
                            "the client closed the connection while queued")));
  }

  private Future<Lease> rejected(HostFailure.Kind kind, String message) {
    metrics.rejected(name, kind.header());
    return Future.failedFuture(new HostFailure(kind, message));
  }

  private void timedOut(Waiter waiter, long timeout) {
    synchronized (this) {
      if (!queue.remove(waiter)) {
        return;
      }
    }
    metrics.rejected(name, HostFailure.Kind.QUEUE_TIMEOUT.header());
    waiter
        .context()
        .runOnContext(
            v ->
                waiter
                    .promise()
                    .tryFail(
                        new HostFailure(
                            HostFailure.Kind.QUEUE_TIMEOUT,
                            "the request waited "
                                + timeout
                                + " ms (pendingRequestTimeout) without a free process")));
  }

  /**
   * The pinned process when it can take the request (sticky sessions), else round-robin over the
   * serving revision's ready processes below the concurrency cap.
   */
  private NodeProcess pick(Set<NodeProcess> exclude, long pinnedPid) {
    int max = serving.settings().integer(Setting.MAX_CONCURRENT_REQUESTS_PER_PROCESS);
    if (pinnedPid > 0) {
      for (NodeProcess candidate : members) {
        if (candidate.pid() == pinnedPid && usable(candidate, exclude, max)) {
          return candidate;
        }
      }
    }
    int count = members.size();
    for (int i = 0; i < count; i++) {
      NodeProcess candidate = members.get((nextProcess + i) % count);
      if (usable(candidate, exclude, max)) {
        nextProcess = (nextProcess + i + 1) % count;
        return candidate;
      }
    }
    return null;
  }

  private boolean usable(NodeProcess candidate, Set<NodeProcess> exclude, int max) {
    return candidate.state() == ProcessState.READY
        && candidate.revision() == serving
        && !candidate.hung()
        && candidate.activeRequests() < max
        && !exclude.contains(candidate);
  }

  /**
   * The nodeProcessStickySessions cookie value that pins a client to {@code process}; empty when
   * sticky sessions are off.
   */
  public synchronized Optional<String> stickyPin(NodeProcess process) {
    return serving.settings().bool(Setting.NODE_PROCESS_STICKY_SESSIONS)
        ? Optional.of(sticky.pin(process.pid()))
        : Optional.empty();
  }

  private Lease lease(NodeProcess process) {
    process.requestStarted();
    return new Lease(this, process);
  }

  synchronized void release(NodeProcess process) {
    process.requestEnded();
    if (process.state() == ProcessState.DRAINING
        && process.activeRequests() == 0
        && process.orphanMillis() == 0) {
      process.destroy();
    }
    dispatch();
  }

  /** Hands free slots to the oldest waiters that can use them. Caller holds the lock. */
  private void dispatch() {
    if (holding()) {
      return;
    }
    for (var it = queue.iterator(); it.hasNext(); ) {
      Waiter waiter = it.next();
      NodeProcess process = pick(waiter.exclude(), waiter.pinnedPid());
      if (process == null) {
        if (waiter.exclude().isEmpty()) {
          return;
        }
        continue;
      }
      it.remove();
      vertx.cancelTimer(waiter.timerId());
      Lease lease = lease(process);
      waiter
          .context()
          .runOnContext(
              v -> {
                if (!waiter.promise().tryComplete(lease)) {
                  lease.release();
                }
              });
    }
  }

  /** Whether a demand start still holds the queue ({@link DemandStart}). Caller holds the lock. */
  private boolean holding() {
    if (demandStart == null) {
      return false;
    }
    long starting =
        members.stream()
            .filter(p -> p.revision() == serving && p.state() == ProcessState.STARTING)
            .count();
    long ready =
        members.stream()
            .filter(p -> p.revision() == serving && p.state() == ProcessState.READY)
            .count();
    if (demandStart.holds(System.nanoTime(), starting, ready)) {
      return true;
    }
    demandStart = null;
    return false;
  }

  /** Starts processes until the target revision has its full count. Caller holds the lock. */
  private void ensureProcesses() {
    if (restartPending
        || state == AppState.STOPPED
        || state == AppState.OUT_OF_SERVICE
        || state == AppState.IDLE) {
      return;
    }
    long live =
        members.stream()
            .filter(
                p ->
                    p.revision() == target
                        && (p.state() == ProcessState.STARTING || p.state() == ProcessState.READY)
                        && p.retireReason() == null)
            .count();
    for (long i = live; i < target.processCount(); i++) {
      spawn(target, null);
    }
  }

  private void spawn(AppRevision revision, NodeProcess replaces) {
    NodeProcess process = processes.create(this, revision, replaces);
    members.add(process);
    metrics.processStarted(name);
    process.start();
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
    if (process.state() != ProcessState.STARTING) {
      return;
    }
    process.state(ProcessState.READY);
    lastStartFailure = null;
    LOG.info("{}: process {} is ready on {}", name, process.pid(), process.address().portValue());
    gauges.put(process, metrics.activeRequests(name, process.pid(), process::activeRequests));
    if (holding()) {
      // The hold ends by itself at the latest this long from now: dispatch then.
      vertx.setTimer(
          demandStart.remainingMillis(System.nanoTime()) + 1,
          id -> {
            synchronized (this) {
              dispatch();
            }
          });
    }
    if (process.replaces() != null) {
      drain(process.replaces(), process.replaces().retireReason());
    }
    if (target != serving && process.revision() == target) {
      long ready =
          members.stream()
              .filter(p -> p.revision() == target && p.state() == ProcessState.READY)
              .count();
      if (ready >= target.processCount()) {
        switchToTarget();
      }
    }
    dispatch();
  }

  /** The new revision is fully up: it takes all new requests and the old one drains. */
  private void switchToTarget() {
    AppRevision old = serving;
    serving = target;
    transition(AppState.RUNNING, "revision " + target.number() + " is ready");
    for (NodeProcess process : List.copyOf(members)) {
      if (process.revision() == old && !process.state().isFinal()) {
        drain(process, "replaced by revision " + target.number());
      }
    }
    metrics.recycled(name);
  }

  /** Stops giving a process requests; it is stopped once its in-flight ones finish. */
  private void drain(NodeProcess process, String reason) {
    if (process.state() == ProcessState.DRAINING || process.state().isFinal()) {
      return;
    }
    if (process.state() == ProcessState.STARTING) {
      process.state(ProcessState.DRAINING);
      process.destroy();
      return;
    }
    process.state(ProcessState.DRAINING);
    removeGauge(process);
    if (process.orphanMillis() > 0) {
      orphan(process, reason);
      return;
    }
    if (process.hung()) {
      LOG.warn(
          "{}: killing hung process {} ({}; {} requests in flight)",
          name,
          process.pid(),
          reason,
          process.activeRequests());
      process.kill();
      return;
    }
    LOG.info(
        "{}: draining process {} ({}; {} requests in flight)",
        name,
        process.pid(),
        reason,
        process.activeRequests());
    if (process.activeRequests() == 0) {
      process.destroy();
    } else {
      long grace = process.revision().settings().integer(Setting.GRACEFUL_SHUTDOWN_TIMEOUT);
      vertx.setTimer(
          Math.max(1, grace),
          id -> {
            if (!process.state().isFinal()) {
              if (process.activeRequests() > 0) {
                LOG.warn(
                    "{}: process {} still had {} requests after gracefulShutdownTimeout",
                    name,
                    process.pid(),
                    process.activeRequests());
              }
              process.destroy();
            }
          });
    }
  }

  /** A hung process kept alive for diagnosis: no requests, the orphan command, then SIGKILL. */
  private void orphan(NodeProcess process, String reason) {
    LOG.warn(
        "{}: orphaning hung process {} for {} ms ({})",
        name,
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
                      name,
                      process.pid(),
                      ran.succeeded()
                          ? "exited with " + ran.result()
                          : "failed: " + ran.cause().getMessage()));
    }
    vertx.setTimer(Math.max(1, process.orphanMillis()), id -> process.kill());
  }

  @Override
  public void onStartFailed(NodeProcess process, HostFailure failure) {
    List<Waiter> failed = new ArrayList<>();
    synchronized (this) {
      process.state(ProcessState.CRASHED);
      members.remove(process);
      metrics.processCrashed(name);
      LOG.error("{}: {}", name, failure.getMessage());
      boolean servingRevision = process.replaces() == null && process.revision() == serving;
      if (process.replaces() != null) {
        LOG.warn(
            "{}: the replacement for process {} failed; it keeps serving",
            name,
            process.replaces().pid());
        // Back in full service: if it really hangs, the next health check says so again.
        process.replaces().reinstate();
      } else if (process.revision() != serving) {
        abandonTarget(failure);
      } else if (members.stream()
          .noneMatch(
              p ->
                  p.revision() == serving
                      && !p.state().isFinal()
                      && p.state() != ProcessState.DRAINING)) {
        // Nothing will serve the queue soon: fail it now with the cause rather than let it time
        // out.
        failed.addAll(queue);
        queue.clear();
      }
      recordCrash(-1, failure.getMessage());
      if (servingRevision) {
        lastStartFailure = failure.getMessage() + telltaleLine(failure.output());
        // Retried with back-off even without requests, so that an application nobody requests
        // yet (a preloaded one, which readiness waits for) recovers once the cause is gone.
        scheduleRestart();
      }
    }
    for (Waiter waiter : failed) {
      vertx.cancelTimer(waiter.timerId());
      waiter.context().runOnContext(v -> waiter.promise().tryFail(failure));
    }
  }

  /**
   * The output line that most likely says why a start failed, for /readyz: the last one naming an
   * error (node ends a crash with its version line, which says nothing), else none.
   */
  private static String telltaleLine(List<String> output) {
    for (int i = output.size() - 1; i >= 0; i--) {
      String line = output.get(i).strip();
      if (line.contains("Error")) {
        return " Output: " + line;
      }
    }
    return "";
  }

  /** A new revision failed to start: drop it; the serving one carries on. */
  private void abandonTarget(HostFailure failure) {
    LOG.error(
        "{}: revision {} failed to start; revision {} keeps serving. The next change" + " retries.",
        name,
        target.number(),
        serving.number());
    for (NodeProcess process : List.copyOf(members)) {
      if (process.revision() == target && !process.state().isFinal()) {
        process.state(ProcessState.DRAINING);
        process.destroy();
      }
    }
    target = serving;
    metrics.recycleFailed(name);
    transition(AppState.RUNNING, "recycle failed: " + failure.getMessage());
  }

  @Override
  public synchronized void onExit(NodeProcess process, ProcessState before, int exitCode) {
    metrics.processExited(name);
    removeGauge(process);
    members.remove(process);
    if (before == ProcessState.READY) {
      process.state(ProcessState.CRASHED);
      metrics.processCrashed(name);
      LOG.warn("{}: process {} exited with code {}; replacing it", name, process.pid(), exitCode);
      recordCrash(
          System.currentTimeMillis() - process.readyAtMillis(),
          "process " + process.pid() + " exited with code " + exitCode);
      scheduleRestart();
    } else if (before == ProcessState.DRAINING) {
      process.state(ProcessState.STOPPED);
      LOG.info("{}: process {} stopped (exit code {})", name, process.pid(), exitCode);
    }
  }

  private void removeGauge(NodeProcess process) {
    Runnable gauge = gauges.remove(process);
    if (gauge != null) {
      gauge.run();
    }
  }

  /** Crash restarts back off exponentially so a crash loop does not burn the CPU. */
  private void scheduleRestart() {
    if (restartPending || state == AppState.STOPPED || state == AppState.OUT_OF_SERVICE) {
      return;
    }
    long delay = crashes.restartDelayMillis();
    restartPending = true;
    vertx.setTimer(
        delay,
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
    Settings settings = serving.settings();
    boolean anotherServes = members.stream().anyMatch(p -> p.state() == ProcessState.READY);
    if (crashes.crashedAndTrips(readyMillis, anotherServes, settings)
        && state != AppState.OUT_OF_SERVICE) {
      outOfServiceCause =
          "the application's processes crashed "
              + crashes.recentLoopCrashes()
              + " times within "
              + settings.integer(Setting.RAPID_FAIL_INTERVAL_MS)
              + " ms before they were ready or"
              + " within "
              + CrashHistory.CRASH_LOOP_UPTIME_MS / 1000
              + " s of it, and none is"
              + " serving (rapidFailMaxCrashes within rapidFailIntervalMs); last: "
              + cause
              + ". It returns to service on the next file change or POST /apps"
              + name
              + "/recycle.";
      transition(AppState.OUT_OF_SERVICE, outOfServiceCause);
      for (NodeProcess process : List.copyOf(members)) {
        process.state(ProcessState.DRAINING);
        process.destroy();
      }
      HostFailure failure = new HostFailure(HostFailure.Kind.OUT_OF_SERVICE, outOfServiceCause);
      for (Waiter waiter : queue) {
        vertx.cancelTimer(waiter.timerId());
        waiter.context().runOnContext(v -> waiter.promise().tryFail(failure));
      }
      queue.clear();
    }
  }

  private void transition(AppState next, String why) {
    if (state != next) {
      LOG.info("{}: {} -> {} ({})", name, state, next, why);
      state = next;
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
    List<Long> replaced =
        members.stream()
            .filter(p -> !p.state().isFinal() && p.state() != ProcessState.DRAINING)
            .map(NodeProcess::pid)
            .toList();
    LOG.info("{}: recycling into revision {} ({})", name, next.number(), reason);
    // A recycle that is still starting is superseded.
    for (NodeProcess process : List.copyOf(members)) {
      if (process.revision() == target && target != serving) {
        process.state(ProcessState.DRAINING);
        process.destroy();
      }
    }
    crashes.clear();
    lastStartFailure = null;
    target = next;
    boolean anyReady = members.stream().anyMatch(p -> p.state() == ProcessState.READY);
    if (state == AppState.IDLE || state == AppState.OUT_OF_SERVICE || !anyReady) {
      // Nothing to overlap with: the new revision serves as soon as it is up.
      AppRevision old = serving;
      serving = next;
      for (NodeProcess process : List.copyOf(members)) {
        if (process.revision() == old) {
          drain(process, reason);
        }
      }
      boolean demand = state == AppState.IDLE;
      transition(demand ? AppState.IDLE : AppState.RUNNING, reason);
      ensureProcesses();
    } else {
      transition(AppState.RECYCLING, reason);
      ensureProcesses();
    }
    return replaced;
  }

  /**
   * Replaces one process, overlapped: a replacement of the same revision starts and the process
   * drains once it is ready. Ignored if the process is already being replaced or gone.
   */
  public synchronized boolean recycleProcess(long pid, String reason) {
    if (state == AppState.STOPPED || serving.mode().debug()) {
      // A debugged process is left alone: its replacement could not take the inspector's port,
      // and a process paused at a breakpoint looks hung to every policy.
      return false;
    }
    for (NodeProcess process : members) {
      if (process.pid() == pid
          && process.state() == ProcessState.READY
          && process.retireReason() == null
          && process.revision() == serving) {
        LOG.info("{}: replacing process {} ({})", name, pid, reason);
        process.retire(reason);
        spawn(serving, process);
        return true;
      }
    }
    return false;
  }

  /**
   * Pings a process at healthCheckPath. Fails when it does not answer within healthCheckTimeoutMs
   * or answers 500 or more.
   */
  public Future<Integer> healthCheck(NodeProcess process) {
    Settings settings = process.revision().settings();
    return processRequests
        .get(
            process,
            settings.string(Setting.HEALTH_CHECK_PATH),
            "localhost",
            settings.integer(Setting.HEALTH_CHECK_TIMEOUT_MS))
        .compose(
            status ->
                status < 500
                    ? Future.succeededFuture(status)
                    : Future.failedFuture("the health check answered " + status));
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
    Settings settings = serving.settings();
    for (NodeProcess process : members) {
      if (process.pid() == pid) {
        process.markHung();
        if (settings.bool(Setting.ORPHAN_HUNG_PROCESSES)) {
          process.orphanFor(
              settings.integer(Setting.ORPHAN_TIMEOUT_MS), settings.string(Setting.ORPHAN_COMMAND));
        }
      }
    }
    return true;
  }

  /** Stops all processes of an application without requests for {@code idleMillis}. */
  public synchronized boolean stopIfIdle(long idleMillis) {
    boolean busy = !queue.isEmpty() || members.stream().anyMatch(p -> p.activeRequests() > 0);
    if (state != AppState.RUNNING
        || busy
        || System.currentTimeMillis() - lastRequestMillis < idleMillis) {
      return false;
    }
    transition(AppState.IDLE, "no requests for " + idleMillis + " ms (idleTimeoutMs)");
    for (NodeProcess process : List.copyOf(members)) {
      drain(process, "idle");
    }
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
          members.stream().anyMatch(p -> p.state() == ProcessState.READY)
              ? null
              : lastStartFailure != null
                  ? "its last start failed (retrying with back-off): " + lastStartFailure
                  : "no process is ready yet (starting or warming up)";
    };
  }

  /** Requests waiting for a process. */
  public synchronized int queueDepth() {
    return queue.size();
  }

  /** The processes that take or may soon take requests, for policies and diagnostics. */
  public synchronized List<NodeProcess> processes() {
    return List.copyOf(members);
  }

  public synchronized AppStatus status() {
    long now = System.currentTimeMillis();
    return new AppStatus(
        name,
        state,
        serving.number(),
        queue.size(),
        state == AppState.OUT_OF_SERVICE ? outOfServiceCause : null,
        members.stream()
            .map(
                p ->
                    new ProcessStatus(
                        p.pid(),
                        p.state(),
                        p.revision().number(),
                        p.activeRequests(),
                        p.servedRequests(),
                        now - p.startedAtMillis(),
                        p.residentBytes()))
            .toList());
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
              List<Waiter> waiting;
              synchronized (this) {
                transition(AppState.STOPPED, "sidecar shutdown");
                toStop = new ArrayList<>(members);
                toStop.forEach(p -> p.state(ProcessState.DRAINING));
                waiting = new ArrayList<>(queue);
                queue.clear();
              }
              HostFailure failure =
                  new HostFailure(HostFailure.Kind.SHUTTING_DOWN, "the sidecar is shutting down");
              waiting.forEach(w -> w.context().runOnContext(x -> w.promise().tryFail(failure)));
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
      idle = queue.isEmpty() && members.stream().allMatch(p -> p.activeRequests() == 0);
    }
    if (idle || System.currentTimeMillis() >= deadline) {
      drained.complete();
    } else {
      vertx.setTimer(20, id -> awaitIdle(deadline, drained));
    }
  }
}
