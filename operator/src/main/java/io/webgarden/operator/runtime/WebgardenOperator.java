package io.webgarden.operator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.webgarden.operator.reconciler.AppReconciler;
import java.time.Clock;

/** Builds the JOSDK Operator with the App controller, for the main command and the tests alike. */
public final class WebgardenOperator {
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
                        election.leaseName(), election.leaseNamespace(), election.identity())));
    return overrider;
  }
}
