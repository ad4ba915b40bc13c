package io.webgarden.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.webgarden.operator.model.Apps;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings reach JOSDK's configuration; nothing here connects to a server. */
class WebgardenOperatorTest {

  private static ConfigurationService configure(OperatorSettings settings) {
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
            .build()) {
      Operator operator =
          WebgardenOperator.create(client, settings, Metrics.NOOP, Clock.systemUTC());
      return operator.getConfigurationService();
    }
  }

  @Test
  void leaderElectionSettingsReachJosdk() {
    ConfigurationService config =
        configure(
            new OperatorSettings(
                Set.of("shop"),
                Apps.DEFAULTS,
                true,
                Optional.of(new OperatorSettings.LeaderElection("lease", "ops", "op-1")),
                3));

    var election = config.getLeaderElectionConfiguration().orElseThrow();
    assertThat(election.getLeaseName()).isEqualTo("lease");
    assertThat(election.getLeaseNamespace()).contains("ops");
    assertThat(election.getIdentity()).contains("op-1");
    // Our own callback exits instead of JOSDK's System.exit, which hangs a SIGTERM shutdown.
    assertThat(election.isExitOnStopLeading()).isFalse();
    assertThat(election.getLeaderCallbacks()).isPresent();
    assertThat(config.concurrentReconciliationThreads()).isEqualTo(3);
    assertThat(config.useSSAToPatchPrimaryResource()).isTrue();
    assertThat(config.ssaBasedCreateUpdateMatchForDependentResources()).isTrue();
  }

  @Test
  void withoutLeaderElectionAndWithoutSsaForTheMockServer() {
    ConfigurationService config =
        configure(new OperatorSettings(Set.of(), Apps.DEFAULTS, false, Optional.empty(), 1));

    assertThat(config.getLeaderElectionConfiguration()).isEmpty();
    assertThat(config.useSSAToPatchPrimaryResource()).isFalse();
    assertThat(config.ssaBasedCreateUpdateMatchForDependentResources()).isFalse();
  }

  @Test
  void shutdownTimeoutBoundsJosdksWaitForRunningReconciles() {
    ConfigurationService config =
        configure(
            new OperatorSettings(
                Set.of(), Apps.DEFAULTS, true, Optional.empty(), 1, Duration.ofSeconds(7), 0));

    assertThat(config.reconciliationTerminationTimeout()).isEqualTo(Duration.ofSeconds(7));
  }
}
