package io.webgarden.sidecar.host;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a request waits for a process: iisnode's pending queue. A request gets a slot on a ready
 * process below maxConcurrentRequestsPerProcess (the pinned one under nodeProcessStickySessions,
 * else the next in turn), else a place at the back of the queue, else (maxPendingRequests reached)
 * a 503. A released slot goes to the oldest waiter that can use it; a waiter still queued after
 * pendingRequestTimeout gets a 503. After a demand start the queue holds until the garden is up
 * ({@link DemandStart}).
 *
 * <p>Not thread-safe on its own: the owning application's monitor, {@code lock}, guards it; its
 * timers take that monitor themselves. Waiters are completed on their own request's context.
 */
final class AdmissionQueue {
  /**
   * How long a retry gives the process that failed it to be seen exiting. A guess, not an event:
   * nothing announces that a process that dropped a connection will not die (docs/design-notes.md).
   */
  private static final long EXCLUDED_EXIT_GRACE_MS = 500;

  /** What the queue needs to know of the application's processes. */
  interface Processes {
    /** Those that may take requests now, in the pool's order: ready, serving revision, not hung. */
    List<NodeProcess> serving();

    /** The serving revision's processes still starting. */
    long starting();

    /** Whether a process outside {@code exclude} is starting or ready. */
    boolean othersLive(Set<NodeProcess> exclude);
  }

  /**
   * @param pinnedPid the process a sticky cookie names, or 0
   */
  private record Waiter(
      Promise<Lease> promise,
      Context context,
      Set<NodeProcess> exclude,
      long pinnedPid,
      long timerId) {}

  private final Object lock;
  private final Vertx vertx;
  private final String app;
  private final SidecarMetrics metrics;
  private final Processes processes;
  private final Supplier<AppRevision> serving;
  private final Consumer<NodeProcess> onRelease;
  private final Runnable onLeft;
  private final Deque<Waiter> waiters = new ArrayDeque<>();
  private final StickyRouting sticky = new StickyRouting();
  private int next;

  /** Set from a demand start until the garden is up; null otherwise. */
  private DemandStart demandStart;

  /**
   * @param serving the serving revision, whose settings each admission reads
   * @param onRelease what releasing a lease does (under no lock; it takes {@code lock} itself)
   * @param onLeft told, under no lock, when a waiter left without a process (timed out, gave up,
   *     abandoned)
   */
  AdmissionQueue(
      Object lock,
      Vertx vertx,
      String app,
      SidecarMetrics metrics,
      Processes processes,
      Supplier<AppRevision> serving,
      Consumer<NodeProcess> onRelease,
      Runnable onLeft) {
    this.lock = lock;
    this.vertx = vertx;
    this.app = app;
    this.metrics = metrics;
    this.processes = processes;
    this.serving = serving;
    this.onRelease = onRelease;
    this.onLeft = onLeft;
  }

  /**
   * Admits a request arriving on {@code caller}: a lease now, a place in the queue, or a failure.
   * Caller holds the lock.
   *
   * @param exclude processes the request must not go to (one that just failed it)
   * @param pin the sticky cookie the request carries, or null
   */
  Future<Lease> admit(Context caller, Set<NodeProcess> exclude, String pin) {
    Settings current = serving.get().settings();
    boolean stickyOn = current.bool(Setting.NODE_PROCESS_STICKY_SESSIONS);
    long pinnedPid = pin == null || !stickyOn ? 0 : sticky.pid(pin).orElse(0);
    NodeProcess process = holding() ? null : pick(exclude, pinnedPid);
    if (process != null) {
      return Future.succeededFuture(lease(process));
    }
    int limit = current.integer(Setting.MAX_PENDING_REQUESTS);
    if (waiters.size() >= limit) {
      return reject(
          HostFailure.Kind.QUEUE_FULL,
          "all "
              + serving.get().processCount()
              + " processes are busy and the queue holds its maximum of "
              + limit
              + " requests (maxPendingRequests)");
    }
    Promise<Lease> promise = Promise.promise();
    long timeout = current.integer(Setting.PENDING_REQUEST_TIMEOUT);
    Waiter[] self = new Waiter[1];
    long timerId = vertx.setTimer(timeout, id -> timedOut(self[0], timeout));
    self[0] = new Waiter(promise, caller, exclude, pinnedPid, timerId);
    waiters.addLast(self[0]);
    if (!exclude.isEmpty()) {
      vertx.setTimer(EXCLUDED_EXIT_GRACE_MS, id -> giveUpIfOnlyExcludedRemain(self[0]));
    }
    return promise.future();
  }

  /** A refusal, counted in webgarden_rejections_total. */
  Future<Lease> reject(HostFailure.Kind kind, String message) {
    metrics.rejected(app, kind.header());
    return Future.failedFuture(new HostFailure(kind, message));
  }

  /** Holds the queue until the garden is up (a demand start). Caller holds the lock. */
  void holdForDemandStart() {
    demandStart = new DemandStart(System.nanoTime());
  }

  /** The sticky cookie value for {@code process}, when sticky sessions are on. */
  Optional<String> pin(NodeProcess process) {
    return serving.get().settings().bool(Setting.NODE_PROCESS_STICKY_SESSIONS)
        ? Optional.of(sticky.pin(process.pid()))
        : Optional.empty();
  }

  /**
   * A retry waits for a process other than the one that failed it. When that process dropped the
   * connection because it died, its replacement is coming and the retry waits for it; when it is
   * alive and there is no other process, nothing will ever take the retry, so it fails now instead
   * of at pendingRequestTimeout.
   */
  private void giveUpIfOnlyExcludedRemain(Waiter waiter) {
    synchronized (lock) {
      boolean excludedAlive =
          waiter.exclude().stream().anyMatch(p -> p.state() == ProcessState.READY);
      if (!excludedAlive || processes.othersLive(waiter.exclude()) || !waiters.remove(waiter)) {
        return;
      }
    }
    left(
        waiter,
        new HostFailure(
            HostFailure.Kind.APP_CRASHED,
            "the process closed the connection without answering, and"
                + " no other process can take the request"));
  }

  /** Forgets a queued request whose client went away. Takes the lock. */
  void abandon(Future<Lease> admission) {
    Waiter abandoned = null;
    synchronized (lock) {
      for (Waiter waiter : waiters) {
        if (waiter.promise().future() == admission) {
          abandoned = waiter;
          break;
        }
      }
      if (abandoned == null || !waiters.remove(abandoned)) {
        return;
      }
    }
    left(
        abandoned,
        new HostFailure(
            HostFailure.Kind.CLIENT_GONE, "the client closed the connection while queued"));
  }

  private void timedOut(Waiter waiter, long timeout) {
    synchronized (lock) {
      if (!waiters.remove(waiter)) {
        return;
      }
    }
    metrics.rejected(app, HostFailure.Kind.QUEUE_TIMEOUT.header());
    left(
        waiter,
        new HostFailure(
            HostFailure.Kind.QUEUE_TIMEOUT,
            "the request waited "
                + timeout
                + " ms (pendingRequestTimeout) without a free process"));
  }

  /** Fails every queued request with {@code failure}. Caller holds the lock. */
  void failAll(HostFailure failure) {
    List<Waiter> failed = new ArrayList<>(waiters);
    waiters.clear();
    failed.forEach(waiter -> fail(waiter, failure));
  }

  private void fail(Waiter waiter, HostFailure failure) {
    vertx.cancelTimer(waiter.timerId());
    waiter.context().runOnContext(v -> waiter.promise().tryFail(failure));
  }

  /** A waiter left the queue by itself (not by failAll, whose caller knows). Under no lock. */
  private void left(Waiter waiter, HostFailure failure) {
    fail(waiter, failure);
    onLeft.run();
  }

  /**
   * The pinned process when it can take the request (sticky sessions), else round-robin over the
   * serving processes below the concurrency cap.
   */
  private NodeProcess pick(Set<NodeProcess> exclude, long pinnedPid) {
    int max = serving.get().settings().integer(Setting.MAX_CONCURRENT_REQUESTS_PER_PROCESS);
    List<NodeProcess> serving = processes.serving();
    if (pinnedPid > 0) {
      for (NodeProcess candidate : serving) {
        if (candidate.pid() == pinnedPid && hasRoom(candidate, exclude, max)) {
          return candidate;
        }
      }
    }
    int count = serving.size();
    for (int i = 0; i < count; i++) {
      NodeProcess candidate = serving.get((next + i) % count);
      if (hasRoom(candidate, exclude, max)) {
        next = (next + i + 1) % count;
        return candidate;
      }
    }
    return null;
  }

  private static boolean hasRoom(NodeProcess candidate, Set<NodeProcess> exclude, int max) {
    return candidate.activeRequests() < max && !exclude.contains(candidate);
  }

  private Lease lease(NodeProcess process) {
    process.requestStarted();
    return new Lease(process, onRelease);
  }

  /** A process became ready: let waiters in, or at the latest when a demand hold ends. */
  void processReady() {
    if (holding()) {
      // The hold ends by itself at the latest this long from now: dispatch then.
      vertx.setTimer(
          demandStart.remainingMillis(System.nanoTime()) + 1,
          id -> {
            synchronized (lock) {
              dispatch();
            }
          });
    }
    dispatch();
  }

  /** Hands free slots to the oldest waiters that can use them. Caller holds the lock. */
  void dispatch() {
    if (holding()) {
      return;
    }
    for (var it = waiters.iterator(); it.hasNext(); ) {
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

  /** Whether a demand start still holds the queue ({@link DemandStart}). */
  private boolean holding() {
    if (demandStart == null) {
      return false;
    }
    if (demandStart.holds(System.nanoTime(), processes.starting(), processes.serving().size())) {
      return true;
    }
    demandStart = null;
    return false;
  }

  int size() {
    return waiters.size();
  }

  boolean isEmpty() {
    return waiters.isEmpty();
  }
}
