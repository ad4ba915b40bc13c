package io.webgarden.operator.runtime;

import io.webgarden.operator.model.OperatorDefaults;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How one operator process runs.
 *
 * @param namespaces the namespaces to watch; empty means all
 * @param serverSideApply apply dependents and status with server-side apply (a real API server);
 *     off only against fabric8's mock server, which answers 415 to apply patches
 * @param leaderElection the Lease that makes several replicas safe; empty runs without one
 * @param shutdownTimeout how long stopping waits for running reconciles
 */
public record OperatorSettings(
    Set<String> namespaces,
    OperatorDefaults defaults,
    boolean serverSideApply,
    Optional<LeaderElection> leaderElection,
    int reconcileThreads,
    Duration shutdownTimeout) {
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

  /** The defaults for what the caller does not set: 20 s shutdown. */
  public OperatorSettings(
      Set<String> namespaces,
      OperatorDefaults defaults,
      boolean serverSideApply,
      Optional<LeaderElection> leaderElection,
      int reconcileThreads) {
    this(namespaces, defaults, serverSideApply, leaderElection, reconcileThreads,
        DEFAULT_SHUTDOWN_TIMEOUT);
  }

  /**
   * @param leaseNamespace namespace of the Lease; null means the operator's own namespace
   * @param identity this replica's name in the Lease, normally the pod name
   */
  public record LeaderElection(String leaseName, String leaseNamespace, String identity) {}
}
