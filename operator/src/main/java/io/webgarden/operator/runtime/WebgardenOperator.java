package io.webgarden.operator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.webgarden.operator.reconciler.AppReconciler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the JOSDK Operator with the App controller, for the main command and the tests alike. */
public final class WebgardenOperator {
  private static final Logger LOG = LoggerFactory.getLogger(WebgardenOperator.class);

  private WebgardenOperator() {}

  public static Operator create(
      KubernetesClient client, OperatorSettings settings, Metrics metrics, Clock clock) {
    Operator operator = new Operator(overrider -> configure(overrider, client, settings, metrics));
    operator.register(
        new AppReconciler(settings.defaults(), settings.rolloutsPerMinute(), clock),
        controller -> {
          if (settings.namespaces().isEmpty()) {
            controller.watchingAllNamespaces();
          } else {
            controller.settingNamespaces(settings.namespaces());
          }
        });
    return operator;
  }

  static ConfigurationServiceOverrider configure(
      ConfigurationServiceOverrider overrider,
      KubernetesClient client,
      OperatorSettings settings,
      Metrics metrics) {
    overrider
        .withKubernetesClient(client)
        .withMetrics(metrics)
        .withConcurrentReconciliationThreads(settings.reconcileThreads())
        // Operator.stop() waits this long for running reconciles before it gives up on them.
        .withReconciliationTerminationTimeout(settings.shutdownTimeout())
        .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
        .withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply())
        // The client belongs to whoever built it (the main command or a test).
        .withCloseClientOnStop(false);
    settings
        .leaderElection()
        .ifPresent(
            election ->
                overrider.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        election.leaseName(),
                        election.leaseNamespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        election.identity(),
                        new LeaderCallbacks(
                            () -> {}, WebgardenOperator::exitAfterLostLease, leader -> {}),
                        false)));
    return overrider;
  }

  /**
   * A replica that stopped leading exits, so that only the new leader reconciles and Kubernetes
   * restarts this one. JOSDK's own exit calls {@code System.exit} in the elector's callback, which
   * also runs when {@code operator.stop()} cancels the election from the SIGTERM shutdown hook:
   * {@code System.exit} inside a shutdown hook never returns, and the process hung until SIGKILL
   * (seen on a real API server, e2e LeaderElectionIT). Exiting from a daemon thread ends a running
   * JVM the same way and, during shutdown, merely parks that thread.
   */
  static void exitAfterLostLease() {
    LOG.info("stopped leading: exiting");
    Thread exit = new Thread(() -> System.exit(1), "webgarden-lost-lease");
    exit.setDaemon(true);
    exit.start();
  }
}
