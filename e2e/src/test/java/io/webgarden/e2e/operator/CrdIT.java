package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.e2e.cluster.ClusterExtension;
import io.webgarden.e2e.cluster.CommandResult;
import io.webgarden.e2e.cluster.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CRD of crds/ on a real API server: it installs, explains itself and refuses bad specs. */
@ExtendWith({ClusterExtension.class, OperatorExtension.class})
class CrdIT {

  @Test
  void explainTeachesTheHostingSettings(OperatorFixture operator) {
    String explained =
        operator.cluster().kubectl("explain", "wga.spec.hosting").assertSuccess().stdout();
    assertThat(explained)
        .containsPattern("KIND:\\s+App")
        .containsPattern("GROUP:\\s+webgarden.io")
        .contains(
            "nodeProcessCountPerApplication",
            "maxConcurrentRequestsPerProcess",
            "gracefulShutdownTimeout")
        .contains("Node processes per application (the web garden)");
    assertThat(
            operator
                .cluster()
                .kubectl("explain", "wga.spec.hosting.logFormat")
                .assertSuccess()
                .stdout())
        .contains("ENUM:", "json", "text");
  }

  private static CommandResult applyRefused(OperatorFixture operator, String ns, String yaml) {
    CommandResult result = operator.cluster().kubectlWithInput(yaml, "apply", "-n", ns, "-f", "-");
    assertThat(result.exitCode()).as(result.describe()).isNotZero();
    return result;
  }

  @Test
  void invalidSpecsAreRefusedAtApplyTimeWithTheRuleMessage(OperatorFixture operator) {
    TestCluster cluster = operator.cluster();
    String ns = cluster.createNamespace("crd");

    String twoSources =
        Apps.manifest(
                "two",
                "example.invalid/site:1",
                """
        replicas: 1
        """)
            .replace(
                "    image:\n      ref: example.invalid/site:1\n",
                "    image:\n      ref: example.invalid/site:1\n    configMap:\n      name: site\n");
    assertThat(applyRefused(operator, ns, twoSources).stderr())
        .contains("spec.source: Invalid value")
        .contains("set exactly one of source.image, source.configMap, source.git");

    assertThat(
            applyRefused(
                    operator,
                    ns,
                    Apps.manifest(
                        "minmax",
                        "example.invalid/site:1",
                        """
        autoscaling:
          minReplicas: 5
          maxReplicas: 2
        """))
                .stderr())
        .contains("autoscaling.minReplicas must not exceed autoscaling.maxReplicas");

    assertThat(
            applyRefused(
                    operator,
                    ns,
                    Apps.manifest(
                        "both",
                        "example.invalid/site:1",
                        """
        replicas: 2
        autoscaling:
          maxReplicas: 4
        """))
                .stderr())
        .contains("set either replicas or autoscaling, not both");

    assertThat(
            applyRefused(
                    operator,
                    ns,
                    Apps.manifest(
                        "badenum",
                        "example.invalid/site:1",
                        """
        hosting:
          logFormat: xml
        """))
                .stderr())
        .contains("spec.hosting.logFormat: Unsupported value: \"xml\"")
        .contains("supported values: \"json\", \"text\"");

    assertThat(
            applyRefused(
                    operator,
                    ns,
                    Apps.manifest(
                        "toomany",
                        "example.invalid/site:1",
                        """
        hosting:
          nodeProcessCountPerApplication: 2000
        """))
                .stderr())
        .contains("spec.hosting.nodeProcessCountPerApplication")
        .contains("less than or equal to 1024");

    assertThat(
            cluster
                .kubectl("get", "apps.webgarden.io", "-n", ns, "-o", "name")
                .assertSuccess()
                .stdout())
        .isBlank();
  }

  @Test
  void aNameThatCannotNameItsServicesIsRefusedAtApplyTime(OperatorFixture operator) {
    String ns = operator.cluster().createNamespace("crd");
    assertThat(
            applyRefused(operator, ns, Apps.manifest("my.app", "example.invalid/site:1", ""))
                .stderr())
        .contains("metadata.name must consist of lowercase letters");
    String long56 = "a".repeat(56);
    assertThat(
            applyRefused(
                    operator,
                    ns,
                    Apps.manifest(
                        long56,
                        "example.invalid/site:1",
                        """
        slots:
          staging:
            source:
              image:
                ref: example.invalid/site:2
        """))
                .stderr())
        .contains("at most 55 with a staging slot");
  }
}
