package io.webgarden.sidecar.host;

import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application's processes: which there are, which may serve, and starting more. Every process
 * that was started and has not exited or failed to start is a member, whatever its state; a ready
 * one also has a webgarden_active_requests gauge until it stops serving. Not thread-safe: the
 * owning application's monitor guards it.
 */
final class ProcessPool {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessPool.class);

  /** Creates and starts a process; the manager supplies addresses and hooks. */
  interface Spawner {
    /**
     * @param replaces the process the new one replaces (drained once it is ready), or null
     */
    NodeProcess start(AppRevision revision, NodeProcess replaces);
  }

  private final String app;
  private final Spawner spawner;
  private final SidecarMetrics metrics;
  private final List<NodeProcess> members = new ArrayList<>();
  private final Map<NodeProcess, Runnable> gauges = new HashMap<>();

  ProcessPool(String app, Spawner spawner, SidecarMetrics metrics) {
    this.app = app;
    this.spawner = spawner;
    this.metrics = metrics;
  }

  /** Starts one process of {@code revision}; see {@link Spawner#start}. */
  void spawn(AppRevision revision, NodeProcess replaces) {
    members.add(spawner.start(revision, replaces));
    metrics.processStarted(app);
  }

  /**
   * Starts processes until {@code target} has its full count of live ones not being replaced.
   * Called on every admission, so it counts with a loop: a stream here showed in the allocation
   * profile (docs/benchmarks.md).
   */
  void ensure(AppRevision target) {
    int live = 0;
    for (NodeProcess p : members) {
      if (p.revision() == target
          && (p.phase() == ProcessPhase.STARTING || p.phase() == ProcessPhase.READY)) {
        live++;
      }
    }
    for (int i = live; i < target.processCount(); i++) {
      spawn(target, null);
    }
  }

  /** The process is ready: it takes requests and its gauge is shown. */
  void ready(NodeProcess process) {
    LOG.info("{}: process {} is ready on {}", app, process.pid(), process.address().portValue());
    gauges.put(process, metrics.activeRequests(app, process.pid(), process::activeRequests));
  }

  /** The process takes no more requests: its gauge goes. */
  void leftService(NodeProcess process) {
    Runnable gauge = gauges.remove(process);
    if (gauge != null) {
      gauge.run();
    }
  }

  /** The process exited or failed to start. */
  void remove(NodeProcess process) {
    members.remove(process);
    leftService(process);
  }

  List<NodeProcess> members() {
    return List.copyOf(members);
  }

  int size() {
    return members.size();
  }

  /** The processes of {@code revision} that may take requests ({@link ProcessPhase#serves}). */
  List<NodeProcess> serving(AppRevision revision) {
    // Asked on every dispatch: a loop into a list of the right size, not a stream.
    List<NodeProcess> serving = new ArrayList<>(members.size());
    for (NodeProcess p : members) {
      if (p.phase().serves() && p.revision() == revision) {
        serving.add(p);
      }
    }
    return serving;
  }

  long count(AppRevision revision, ProcessState state) {
    return members.stream().filter(p -> p.revision() == revision && p.state() == state).count();
  }

  boolean anyReady() {
    return members.stream().anyMatch(p -> p.state() == ProcessState.READY);
  }

  /** Whether a process of {@code revision} is starting or serving (not draining, not gone). */
  boolean anyLive(AppRevision revision) {
    return members.stream().anyMatch(p -> p.revision() == revision && p.phase().isLive());
  }

  /** Whether any process has requests in flight. */
  boolean busy() {
    return members.stream().anyMatch(p -> p.activeRequests() > 0);
  }

  /** The member with {@code pid}, or null. */
  NodeProcess find(long pid) {
    return members.stream().filter(p -> p.pid() == pid).findFirst().orElse(null);
  }

  /** What the admission queue needs to know, about the revision {@code serving} supplies. */
  AdmissionQueue.Processes forQueue(Supplier<AppRevision> serving) {
    return new AdmissionQueue.Processes() {
      @Override
      public List<NodeProcess> serving() {
        return ProcessPool.this.serving(serving.get());
      }

      @Override
      public long starting() {
        return count(serving.get(), ProcessState.STARTING);
      }

      @Override
      public boolean othersLive(Set<NodeProcess> exclude) {
        return members.stream().anyMatch(p -> !exclude.contains(p) && p.phase().isLive());
      }
    };
  }

  List<ProcessStatus> status(long nowMillis) {
    return members.stream()
        .map(
            p ->
                new ProcessStatus(
                    p.pid(),
                    p.state(),
                    p.revision().number(),
                    p.activeRequests(),
                    p.servedRequests(),
                    nowMillis - p.startedAtMillis(),
                    p.residentBytes()))
        .toList();
  }
}
