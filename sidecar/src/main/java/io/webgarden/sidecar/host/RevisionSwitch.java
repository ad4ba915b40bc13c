package io.webgarden.sidecar.host;

import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which revision serves, and the overlapped switch to a new one: the new revision's processes start
 * while the old ones keep serving, and only once all new ones are ready do the old ones drain. A
 * new revision that fails to start is dropped and the old one keeps serving; a recycle still
 * starting when the next one comes is superseded. A single process is replaced the same way, by one
 * of the serving revision. Not thread-safe: the owning application's monitor guards it.
 */
final class RevisionSwitch {
  private static final Logger LOG = LoggerFactory.getLogger(RevisionSwitch.class);

  private final String app;
  private final ProcessPool pool;
  private final Retirement retirement;
  private final SidecarMetrics metrics;
  private AppRevision serving;
  private AppRevision target;

  /** Who waits for the pending switch to end ({@link #whenSettled}). */
  private final List<Consumer<AppRevision>> settleWaiters = new ArrayList<>();

  RevisionSwitch(
      String app,
      AppRevision first,
      ProcessPool pool,
      Retirement retirement,
      SidecarMetrics metrics) {
    this.app = app;
    this.serving = first;
    this.target = first;
    this.pool = pool;
    this.retirement = retirement;
    this.metrics = metrics;
  }

  /** The revision requests are served with now. */
  AppRevision serving() {
    return serving;
  }

  /** The newest revision: the one being started during a recycle, else the serving one. */
  AppRevision target() {
    return target;
  }

  /**
   * Starts the switch to {@code next}. The caller starts its processes ({@link
   * ProcessPool#ensure}).
   *
   * @param canOverlap whether the application serves now, so that its ready processes may serve on
   *     until the new ones are ready; else the new revision serves at once
   * @return the pids of the processes being replaced, and whether the switch overlaps
   */
  Begun begin(AppRevision next, boolean canOverlap, String reason) {
    List<Long> replaced = new ArrayList<>();
    for (NodeProcess process : pool.members()) {
      if (process.phase().isLive()) {
        replaced.add(process.pid());
      }
    }
    LOG.info("{}: recycling into revision {} ({})", app, next.number(), reason);
    if (target != serving) {
      for (NodeProcess process : pool.members()) {
        if (process.revision() == target) {
          retirement.stopNow(process, "superseded by revision " + next.number());
        }
      }
    }
    target = next;
    boolean overlap = canOverlap && pool.anyReady();
    if (!overlap) {
      AppRevision old = serving;
      serving = next;
      for (NodeProcess process : pool.members()) {
        if (process.revision() == old) {
          retirement.drain(process, reason);
        }
      }
    }
    settled();
    return new Begun(replaced, overlap);
  }

  /**
   * @param replaced the pids of the processes a recycle replaces
   * @param overlaps whether the old processes serve until the new ones are ready
   */
  record Begun(List<Long> replaced, boolean overlaps) {}

  /** Whether {@code ready}, just ready, completes the new revision's garden. */
  boolean completedBy(NodeProcess ready) {
    return target != serving
        && ready.revision() == target
        && pool.count(target, ProcessState.READY) >= target.processCount();
  }

  /** The new revision is fully up: it takes all new requests and the old one drains. */
  void switchOver() {
    AppRevision old = serving;
    serving = target;
    for (NodeProcess process : pool.members()) {
      if (process.revision() == old && !process.state().isFinal()) {
        retirement.drain(process, "replaced by revision " + target.number());
      }
    }
    metrics.recycled(app);
    settled();
  }

  /** A new revision failed to start: drop it; the serving one carries on. */
  void abandon() {
    LOG.error(
        "{}: revision {} failed to start; revision {} keeps serving. The next change retries.",
        app,
        target.number(),
        serving.number());
    for (NodeProcess process : pool.members()) {
      if (process.revision() == target && !process.state().isFinal()) {
        retirement.stopNow(process, "its revision failed to start");
      }
    }
    target = serving;
    metrics.recycleFailed(app);
    settled();
  }

  /**
   * Calls {@code then} with the serving revision once no switch is pending: at once when none is,
   * else when the pending one (or the one that superseded it) has switched over or was abandoned.
   */
  void whenSettled(Consumer<AppRevision> then) {
    if (target == serving) {
      then.accept(serving);
    } else {
      settleWaiters.add(then);
    }
  }

  private void settled() {
    if (target == serving && !settleWaiters.isEmpty()) {
      List<Consumer<AppRevision>> waiting = List.copyOf(settleWaiters);
      settleWaiters.clear();
      waiting.forEach(waiter -> waiter.accept(serving));
    }
  }

  /**
   * Replaces one ready process of the serving revision, overlapped: a replacement starts and the
   * process drains once it is ready. False if it is already being replaced, or gone.
   */
  boolean replace(long pid, String reason) {
    NodeProcess process = pool.find(pid);
    if (process == null || process.phase() != ProcessPhase.READY || process.revision() != serving) {
      return false;
    }
    LOG.info("{}: replacing process {} ({})", app, pid, reason);
    process.retire(reason);
    pool.spawn(serving, process);
    return true;
  }
}
