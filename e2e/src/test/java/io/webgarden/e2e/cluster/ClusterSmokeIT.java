package io.webgarden.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The control plane does what a cluster does: nodes, scheduling, controllers, an audit trail. */
@ExtendWith(ClusterExtension.class)
class ClusterSmokeIT {

  @Test
  void kwokNodesAreReady(TestCluster cluster) {
    List<Node> nodes = cluster.client().nodes().withLabel("type", "kwok").list().getItems();
    assertThat(nodes).isNotEmpty();
    assertThat(nodes)
        .allSatisfy(
            node ->
                assertThat(node.getStatus().getConditions())
                    .anySatisfy(
                        c -> {
                          assertThat(c.getType()).isEqualTo("Ready");
                          assertThat(c.getStatus()).isEqualTo("True");
                        }));
    assertThat(cluster.kubectl("version", "-o", "json").assertSuccess().stdout())
        .contains("\"gitVersion\": \"v1.35.");
  }

  @Test
  void aDeploymentBecomesAvailableOnFakeNodes(TestCluster cluster) {
    String ns = cluster.createNamespace("smoke");
    AuditLog.Mark mark = cluster.audit().mark();
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .addToMatchLabels("app", "web")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "web")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("example.invalid/web:1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    cluster.client().resource(deployment).create();

    // The deployment and replicaset controllers, the scheduler and kwok all have to work.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Deployment live =
                  cluster.client().apps().deployments().inNamespace(ns).withName("web").get();
              assertThat(live.getStatus().getAvailableReplicas()).isEqualTo(2);
            });
    List<Pod> pods =
        cluster.client().pods().inNamespace(ns).withLabel("app", "web").list().getItems();
    assertThat(pods)
        .hasSize(2)
        .allSatisfy(
            pod -> {
              assertThat(pod.getSpec().getNodeName()).startsWith("kwok-node-");
              assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
              // ServiceAccount admission mounted a token volume.
              assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("default");
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(cluster.audit().writesBy("webgarden-admin", mark))
                    .extracting(AuditLog.Event::describe)
                    .contains("create deployments " + ns + "/web -> 201 by webgarden-admin"));
    assertThat(cluster.audit().since(mark))
        .anySatisfy(
            e ->
                assertThat(e.user())
                    .isEqualTo("system:serviceaccount:kube-system:replicaset-controller"));
  }

  @Test
  void upAgainOnARunningClusterOnlyPrintsItsKubeconfig(TestCluster cluster) {
    CommandResult again =
        Commands.run(
                List.of(cluster.repo().resolve("e2e/cluster/up").toString()),
                Map.of("WEBGARDEN_CLUSTER_DIR", cluster.stateDir().toString()),
                Duration.ofSeconds(60))
            .assertSuccess();
    assertThat(again.stdout()).contains("already running");
    assertThat(again.stdout().strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("KUBECONFIG=" + cluster.kubeconfig());
  }
}
