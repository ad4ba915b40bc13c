package io.webgarden.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.operator.runtime.OperatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

  private static OperatorSettings parse(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run.settings();
  }

  @Test
  void defaultsWatchAllNamespacesWithLeaderElectionAndServerSideApply() {
    OperatorSettings settings = parse("--identity", "op-1", "--lease-namespace", "ops");

    assertThat(settings.namespaces()).isEmpty();
    assertThat(settings.serverSideApply()).isTrue();
    assertThat(settings.leaderElection())
        .hasValueSatisfying(
            election -> {
              assertThat(election.leaseName()).isEqualTo("webgarden-operator");
              assertThat(election.leaseNamespace()).isEqualTo("ops");
              assertThat(election.identity()).isEqualTo("op-1");
            });
    assertThat(settings.defaults().gitSyncImage()).startsWith("registry.k8s.io/git-sync/");
  }

  @Test
  void namespaceListAndNoLeaderElection() {
    OperatorSettings settings =
        parse(
            "--namespaces",
            "shop, blog ,",
            "--leader-election=false",
            "--runtime-image",
            "webgarden/host:1");

    assertThat(settings.namespaces()).containsExactlyInAnyOrder("shop", "blog");
    assertThat(settings.leaderElection()).isEmpty();
    assertThat(settings.defaults().runtimeImage()).isEqualTo("webgarden/host:1");
  }

  @Test
  void shutdownTimeoutReachesTheSettings() {
    assertThat(parse().shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(parse("--shutdown-timeout", "PT7S").shutdownTimeout())
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void rolloutsPerMinuteDefaultsToTwentyAndZeroLiftsTheLimit() {
    assertThat(parse().rolloutsPerMinute()).isEqualTo(20);
    assertThat(parse("--rollouts-per-minute", "0").rolloutsPerMinute()).isZero();
  }
}
