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
 * @param rolloutsPerMinute pod-template changes the operator starts per minute over all Apps; 0 is
 *     unlimited
 */
public record OperatorSettings(
    Set<String> namespaces,
    OperatorDefaults defaults,
    boolean serverSideApply,
    Optional<LeaderElection> leaderElection,
    int reconcileThreads,
    Duration shutdownTimeout,
    int rolloutsPerMinute) {
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
  public static final int DEFAULT_ROLLOUTS_PER_MINUTE = 20;

  /** The defaults for what the caller does not set: 20 s shutdown, 20 rollouts a minute. */
  public OperatorSettings(
      Set<String> namespaces,
      OperatorDefaults defaults,
      boolean serverSideApply,
      Optional<LeaderElection> leaderElection,
      int reconcileThreads) {
    this(
        namespaces,
        defaults,
        serverSideApply,
        leaderElection,
        reconcileThreads,
        DEFAULT_SHUTDOWN_TIMEOUT,
        DEFAULT_ROLLOUTS_PER_MINUTE);
  }

  /**
   * @param leaseNamespace namespace of the Lease; null means the operator's own namespace
   * @param identity this replica's name in the Lease, normally the pod name
   */
  public record LeaderElection(String leaseName, String leaseNamespace, String identity) {}
}
