package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.e2e.cluster.ClusterExtension;
import io.webgarden.e2e.cluster.CommandResult;
import io.webgarden.e2e.cluster.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An App's name becomes its Services' names: the API server refuses, at {@code kubectl apply}, a
 * name that cannot be one, with the CRD's message, instead of the operator failing every reconcile.
 * No operator runs here: this is the CRD alone.
 */
@ExtendWith(ClusterExtension.class)
class AppNameValidationIT {

  private static String app(String name, boolean staging) {
    return Apps.manifest(
        name,
        "registry.example/site:1",
        staging
            ? """
            slots:
              staging:
                source:
                  image:
                    ref: registry.example/site:2
            """
            : "");
  }

  private static CommandResult apply(TestCluster cluster, String ns, String name, boolean staging) {
    return cluster.kubectlWithInput(app(name, staging), "apply", "-n", ns, "-f", "-");
  }

  @Test
  void dotsAndLeadingDigitsAreRefusedWithTheRule(TestCluster cluster) {
    OperatorInstall.installCrd(cluster);
    String ns = cluster.createNamespace("names");

    for (String name : new String[] {"shop.v2", "2shop"}) {
      CommandResult refused = apply(cluster, ns, name, false);
      assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
      assertThat(refused.stderr())
          .as(name)
          .contains("metadata.name must consist of lowercase letters, digits and '-'");
    }
    apply(cluster, ns, "shop-2", false).assertSuccess();
  }

  @Test
  void aStagingSlotLeavesRoomForItsServiceName(TestCluster cluster) {
    OperatorInstall.installCrd(cluster);
    String ns = cluster.createNamespace("names");
    String long56 = "s".repeat(56);

    CommandResult refused = apply(cluster, ns, long56, true);
    assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
    assertThat(refused.stderr()).contains("at most 55 with a staging slot");
    apply(cluster, ns, long56, false).assertSuccess();
    apply(cluster, ns, "s".repeat(63), false).assertSuccess();
    // Adding staging later to a name that is too long is refused the same way.
    CommandResult later = apply(cluster, ns, long56, true);
    assertThat(later.exitCode()).isNotZero();
    assertThat(later.stderr()).contains("at most 55 with a staging slot");
  }
}
