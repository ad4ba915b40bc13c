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
import java.util.ArrayList;
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
public final class Application implements Admission, NodeProcess.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final Vertx vertx;
  private final String name;
  private final Path script;
  private final ProcessFactory processes;
  private final ProcessRequests processRequests;
  private final SidecarMetrics metrics;

  private final List<NodeProcess> members = new ArrayList<>();
  private final AdmissionQueue queue;
  private final Map<NodeProcess, Runnable> gauges = new HashMap<>();
  private final CrashPolicy crashes = new CrashPolicy(Clock.systemUTC());

  private AppState state = AppState.IDLE;
  private AppRevision serving;
  private AppRevision target;
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
    this.serving = revision;
    this.target = revision;
    this.processes = processes;
    this.processRequests = processRequests;
    this.metrics = metrics;
    this.queue =
        new AdmissionQueue(
            this, vertx, name, metrics, new Members(), this::revision, this::release);
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

  @Override
  public Future<Lease> admit(String pin) {
    return admit(Set.of(), pin);
  }

  @Override
  public Future<Lease> retry(Lease failed, String pin) {
    return admit(Set.of(failed.process()), pin);
  }

  /**
   * @param exclude processes the request must not go to (one that just failed it)
   */
  private Future<Lease> admit(Set<NodeProcess> exclude, String pin) {
    Context caller = vertx.getOrCreateContext();
    lastRequestMillis = System.currentTimeMillis();
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

  /** What the queue sees of the members. Called under the lock. */
  private final class Members implements AdmissionQueue.Processes {
    @Override
    public List<NodeProcess> serving() {
      return members.stream()
          .filter(p -> p.state() == ProcessState.READY && p.revision() == serving && !p.hung())
          .toList();
    }

    @Override
    public long starting() {
      return members.stream()
          .filter(p -> p.revision() == serving && p.state() == ProcessState.STARTING)
          .count();
    }

    @Override
    public boolean othersLive(Set<NodeProcess> exclude) {
      return members.stream()
          .anyMatch(
              p ->
                  !exclude.contains(p)
                      && (p.state() == ProcessState.STARTING || p.state() == ProcessState.READY));
    }
  }

  /**
   * The nodeProcessStickySessions cookie value that pins a client to {@code process}; empty when
   * sticky sessions are off.
   */
  @Override
  public synchronized Optional<String> stickyPin(Lease lease) {
    return queue.pin(lease.process());
  }

  private synchronized void release(NodeProcess process) {
    process.requestEnded();
    if (process.state() == ProcessState.DRAINING
        && process.activeRequests() == 0
        && process.orphanMillis() == 0) {
      process.destroy();
    }
    queue.dispatch();
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
    queue.processReady();
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
        queue.failAll(failure);
      }
      recordCrash(-1, failure.getMessage());
      if (servingRevision) {
        lastStartFailure = failure.getMessage() + telltaleLine(failure.output());
        // Retried with back-off even without requests, so that an application nobody requests
        // yet (a preloaded one, which readiness waits for) recovers once the cause is gone.
        scheduleRestart();
      }
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
      queue.failAll(new HostFailure(HostFailure.Kind.OUT_OF_SERVICE, outOfServiceCause));
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

  @Override
  public synchronized int queueDepth() {
    return queue.size();
  }

  @Override
  public synchronized int processCount() {
    return members.size();
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
              synchronized (this) {
                transition(AppState.STOPPED, "sidecar shutdown");
                toStop = new ArrayList<>(members);
                toStop.forEach(p -> p.state(ProcessState.DRAINING));
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
      idle = queue.isEmpty() && members.stream().allMatch(p -> p.activeRequests() == 0);
    }
    if (idle || System.currentTimeMillis() >= deadline) {
      drained.complete();
    } else {
      vertx.setTimer(20, id -> awaitIdle(deadline, drained));
    }
  }
}
