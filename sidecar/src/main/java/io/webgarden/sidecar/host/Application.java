package io.webgarden.sidecar.host;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node application (one entry-point script): its processes, its pending queue and the
 * admission rule. See the package documentation for the threading model.
 */
public final class Application implements NodeProcess.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  private static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 10_000;
  /** A process that ran this long before crashing resets the back-off. */
  private static final long STABLE_UPTIME_MS = 30_000;

  private final Vertx vertx;
  private final Context context;
  private final NetClient probeClient;
  private final String name;
  private final Path script;
  private final Settings settings;
  private final Map<String, String> environment;
  private final Supplier<WorkerAddress> addresses;
  private final SidecarMetrics metrics;
  private final int targetProcessCount;

  private final List<NodeProcess> processes = new ArrayList<>();
  private final Deque<Waiter> queue = new ArrayDeque<>();
  private final Map<NodeProcess, Runnable> gauges = new HashMap<>();
  private int nextProcess;
  private int consecutiveCrashes;
  private boolean restartPending;
  private boolean stopping;

  private record Waiter(Promise<Lease> promise, Context context, Set<NodeProcess> exclude,
      long timerId) {}

  Application(Vertx vertx, Context context, NetClient probeClient, String name, Path script,
      Settings settings, Map<String, String> environment, Supplier<WorkerAddress> addresses,
      SidecarMetrics metrics) {
    this.vertx = vertx;
    this.context = context;
    this.probeClient = probeClient;
    this.name = name;
    this.script = script;
    this.settings = settings;
    this.environment = Map.copyOf(environment);
    this.addresses = addresses;
    this.metrics = metrics;
    int configured = settings.integer(Setting.NODE_PROCESS_COUNT_PER_APPLICATION);
    this.targetProcessCount =
        configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
    metrics.queueDepth(name, this::queueDepth);
  }

  public String name() {
    return name;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Admits a request: a lease on a ready process with a free slot, else a place in the queue.
   * Must be called on the request's context; the future completes there.
   *
   * @param exclude processes the request must not go to (one that just failed it)
   */
  public Future<Lease> acquire(Set<NodeProcess> exclude) {
    Context caller = vertx.getOrCreateContext();
    synchronized (this) {
      if (stopping) {
        return rejected(HostFailure.Kind.SHUTTING_DOWN, "the sidecar is shutting down");
      }
      ensureProcesses();
      NodeProcess process = pick(exclude);
      if (process != null) {
        return Future.succeededFuture(lease(process));
      }
      int limit = settings.integer(Setting.MAX_PENDING_REQUESTS);
      if (queue.size() >= limit) {
        return rejected(HostFailure.Kind.QUEUE_FULL, "all " + targetProcessCount
            + " processes are busy and the queue holds its maximum of " + limit
            + " requests (maxPendingRequests)");
      }
      Promise<Lease> promise = Promise.promise();
      long timeout = settings.integer(Setting.PENDING_REQUEST_TIMEOUT);
      Waiter[] self = new Waiter[1];
      long timerId = vertx.setTimer(timeout, id -> timedOut(self[0], timeout));
      self[0] = new Waiter(promise, caller, exclude, timerId);
      queue.addLast(self[0]);
      return promise.future();
    }
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
    waiter.context().runOnContext(v -> waiter.promise().tryFail(new HostFailure(
        HostFailure.Kind.QUEUE_TIMEOUT, "the request waited " + timeout
            + " ms (pendingRequestTimeout) without a free process")));
  }

  private NodeProcess pick(Set<NodeProcess> exclude) {
    int max = settings.integer(Setting.MAX_CONCURRENT_REQUESTS_PER_PROCESS);
    int count = processes.size();
    for (int i = 0; i < count; i++) {
      NodeProcess candidate = processes.get((nextProcess + i) % count);
      if (candidate.state() == ProcessState.READY && candidate.activeRequests() < max
          && !exclude.contains(candidate)) {
        nextProcess = (nextProcess + i + 1) % count;
        return candidate;
      }
    }
    return null;
  }

  private Lease lease(NodeProcess process) {
    process.requestStarted();
    return new Lease(this, process);
  }

  synchronized void release(NodeProcess process) {
    process.requestEnded();
    dispatch();
  }

  /** Hands free slots to the oldest waiters that can use them. Caller holds the lock. */
  private void dispatch() {
    for (var it = queue.iterator(); it.hasNext(); ) {
      Waiter waiter = it.next();
      NodeProcess process = pick(waiter.exclude());
      if (process == null) {
        if (waiter.exclude().isEmpty()) {
          return;
        }
        continue;
      }
      it.remove();
      vertx.cancelTimer(waiter.timerId());
      Lease lease = lease(process);
      waiter.context().runOnContext(v -> {
        if (!waiter.promise().tryComplete(lease)) {
          lease.release();
        }
      });
    }
  }

  /** Starts processes until the garden has its target size, unless a restart is backing off. */
  private void ensureProcesses() {
    if (restartPending || stopping) {
      return;
    }
    long live = processes.stream().filter(p -> p.state() == ProcessState.STARTING
        || p.state() == ProcessState.READY).count();
    for (long i = live; i < targetProcessCount; i++) {
      NodeProcess process = new NodeProcess(vertx, context, probeClient, name, spec(), this);
      processes.add(process);
      metrics.processStarted(name);
      process.start();
    }
  }

  private NodeProcess.Spec spec() {
    WorkerAddress address = addresses.get();
    Map<String, String> env = new HashMap<>(environment);
    env.put("PORT", address.portValue());
    return new NodeProcess.Spec(CommandLine.split(
        settings.string(Setting.NODE_PROCESS_COMMAND_LINE)), script, env, address,
        settings.integer(Setting.MAX_NAMED_PIPE_CONNECTION_RETRY),
        settings.integer(Setting.NAMED_PIPE_CONNECTION_RETRY_DELAY),
        settings.integer(Setting.PROCESS_START_TIMEOUT_MS));
  }

  @Override
  public synchronized void onReady(NodeProcess process) {
    process.state(ProcessState.READY);
    LOG.info("{}: process {} is listening on {}", name, process.pid(), process.address()
        .portValue());
    gauges.put(process, metrics.activeRequests(name, process.pid(), process::activeRequests));
    dispatch();
  }

  @Override
  public void onStartFailed(NodeProcess process, HostFailure failure) {
    List<Waiter> failed = new ArrayList<>();
    synchronized (this) {
      process.state(ProcessState.CRASHED);
      processes.remove(process);
      metrics.processCrashed(name);
      LOG.error("{}: {}", name, failure.getMessage());
      boolean anyLive = processes.stream().anyMatch(p -> !p.state().isFinal());
      if (!anyLive) {
        // Nothing will serve the queue: fail it now with the cause rather than let it time out.
        failed.addAll(queue);
        queue.clear();
      } else {
        scheduleRestart();
      }
    }
    for (Waiter waiter : failed) {
      vertx.cancelTimer(waiter.timerId());
      waiter.context().runOnContext(v -> waiter.promise().tryFail(failure));
    }
  }

  @Override
  public synchronized void onExit(NodeProcess process, ProcessState before, int exitCode) {
    metrics.processExited(name);
    Runnable gauge = gauges.remove(process);
    if (gauge != null) {
      gauge.run();
    }
    if (before == ProcessState.READY) {
      process.state(ProcessState.CRASHED);
      processes.remove(process);
      metrics.processCrashed(name);
      boolean stable = System.currentTimeMillis() - process.startedAtMillis() > STABLE_UPTIME_MS;
      consecutiveCrashes = stable ? 1 : consecutiveCrashes + 1;
      LOG.warn("{}: process {} exited with code {}; replacing it", name, process.pid(), exitCode);
      scheduleRestart();
    } else if (before == ProcessState.DRAINING) {
      process.state(ProcessState.STOPPED);
      processes.remove(process);
      LOG.info("{}: process {} stopped (exit code {})", name, process.pid(), exitCode);
    }
  }

  /** Crash restarts back off exponentially so a crash loop does not burn the CPU. */
  private void scheduleRestart() {
    if (restartPending || stopping) {
      return;
    }
    long delay = Math.min(FIRST_BACKOFF_MS << Math.max(0, Math.min(consecutiveCrashes - 1, 20)),
        MAX_BACKOFF_MS);
    restartPending = true;
    vertx.setTimer(delay, id -> {
      synchronized (this) {
        restartPending = false;
        ensureProcesses();
      }
    });
  }

  /** Requests waiting for a process. */
  public synchronized int queueDepth() {
    return queue.size();
  }

  /** Process pids, for diagnostics and tests. */
  public synchronized List<Long> pids() {
    return processes.stream().map(NodeProcess::pid).toList();
  }

  /**
   * Stops taking new requests, lets in-flight and queued ones finish within {@code grace}, then
   * stops every process. Completes when all have exited.
   */
  public Future<Void> stop(Duration grace) {
    long deadline = System.currentTimeMillis() + grace.toMillis();
    Promise<Void> drained = Promise.promise();
    awaitIdle(deadline, drained);
    return drained.future().compose(v -> {
      List<NodeProcess> toStop;
      synchronized (this) {
        stopping = true;
        toStop = new ArrayList<>(processes);
        toStop.forEach(p -> p.state(ProcessState.DRAINING));
        queue.forEach(w -> w.context().runOnContext(x -> w.promise().tryFail(
            new HostFailure(HostFailure.Kind.SHUTTING_DOWN, "the sidecar is shutting down"))));
        queue.clear();
      }
      toStop.forEach(NodeProcess::destroy);
      return vertx.executeBlocking(() -> {
        for (NodeProcess process : toStop) {
          process.awaitExit(Duration.ofSeconds(10));
        }
        return null;
      }, false);
    });
  }

  private void awaitIdle(long deadline, Promise<Void> drained) {
    boolean idle;
    synchronized (this) {
      idle = queue.isEmpty() && processes.stream().allMatch(p -> p.activeRequests() == 0);
    }
    if (idle || System.currentTimeMillis() >= deadline) {
      drained.complete();
    } else {
      vertx.setTimer(20, id -> awaitIdle(deadline, drained));
    }
  }
}
