package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.webgarden.e2e.cluster.ClusterExtension;
import io.webgarden.e2e.cluster.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An autoscaled App against a real HorizontalPodAutoscaler and server-side apply: the operator
 * never owns {@code spec.replicas}, so the HPA's count stays, and a swap hands production's pods to
 * the incoming instance before the Service moves. The cluster has no metrics server, so the HPA
 * only enforces its bounds (it scales below-minimum targets up), which is all this needs.
 */
@ExtendWith(ClusterExtension.class)
class AutoscaledSwapIT {
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private static String app(String production, String staging) {
    return """
        apiVersion: webgarden.io/v1alpha1
        kind: App
        metadata:
          name: web
        spec:
          entryPoint: server.js
          source:
            image:
              ref: %s
          autoscaling:
            minReplicas: 2
            maxReplicas: 8
          resources:
            requests:
              cpu: 100m
          slots:
            staging:
              replicas: 1
              source:
                image:
                  ref: %s
        """
        .formatted(production, staging);
  }

  private static Deployment deployment(TestCluster cluster, String ns, String name) {
    return cluster.client().apps().deployments().inNamespace(ns).withName(name).get();
  }

  private static int replicas(Deployment d) {
    return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  private static int ready(Deployment d) {
    return d.getStatus() == null || d.getStatus().getReadyReplicas() == null
        ? 0
        : d.getStatus().getReadyReplicas();
  }

  /** Managers that own spec.replicas through an apply (the operator's, if it claims it). */
  @SuppressWarnings("unchecked")
  private static List<String> applyOwnersOfReplicas(Deployment d) {
    List<String> owners = new ArrayList<>();
    for (ManagedFieldsEntry entry : d.getMetadata().getManagedFields()) {
      Object spec =
          entry.getFieldsV1() == null
              ? null
              : entry.getFieldsV1().getAdditionalProperties().get("f:spec");
      if ("Apply".equals(entry.getOperation())
          && spec instanceof Map<?, ?> fields
          && ((Map<String, Object>) fields).containsKey("f:replicas")) {
        owners.add(entry.getManager());
      }
    }
    return owners;
  }

  private static String selected(TestCluster cluster, String ns) {
    var service = cluster.client().services().inNamespace(ns).withName("web").get();
    return service == null ? null : service.getSpec().getSelector().get("webgarden.io/instance");
  }

  @Test
  void theHpaOwnsTheCountAndASwapKeepsProductionsPods(TestCluster cluster) throws Exception {
    String ns = cluster.createNamespace("autoscale");
    Apps apps = new Apps(cluster, ns);
    try (OperatorProcess operator = OperatorProcess.inNamespace(cluster, ns)) {
      apps.apply(app("registry.example/web:1", "registry.example/web:2"));

      // The HPA scales production up to its minimum; nothing takes that back.
      await()
          .atMost(PATIENCE)
          .until(
              () -> deployment(cluster, ns, "web-a"),
              d -> d != null && replicas(d) == 2 && ready(d) == 2);
      assertThat(applyOwnersOfReplicas(deployment(cluster, ns, "web-a")))
          .as("no apply owns web-a's spec.replicas (operator log: %s)", operator.log())
          .isEmpty();
      // Production has grown under load, as the HPA would scale it (through the scale
      // subresource); without metrics the HPA keeps it there.
      cluster.client().apps().deployments().inNamespace(ns).withName("web-a").scale(5);
      await().atMost(PATIENCE).until(() -> ready(deployment(cluster, ns, "web-a")) == 5);
      await()
          .atMost(PATIENCE)
          .until(() -> Apps.conditionAndReason(apps.get("web"), "Ready").equals("True Available"));

      // The swap: exchange the sources, as a GitOps commit would.
      apps.apply(app("registry.example/web:2", "registry.example/web:1"));

      // Until the Service moves, watch what the incoming instance has when it does.
      Deployment atFlip =
          await()
              .atMost(PATIENCE)
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> "b".equals(selected(cluster, ns)) ? deployment(cluster, ns, "web-b") : null,
                  d -> d != null);
      assertThat(replicas(atFlip)).as("web-b's pods when production moved to it").isEqualTo(5);
      assertThat(ready(atFlip)).isEqualTo(5);
      // And after: the HPA follows production to web-b and keeps the count; the operator's apply
      // drops web-b's former staging count without resetting it to 1.
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  cluster
                      .client()
                      .autoscaling()
                      .v2()
                      .horizontalPodAutoscalers()
                      .inNamespace(ns)
                      .withName("web")
                      .get()
                      .getSpec()
                      .getScaleTargetRef()
                      .getName()
                      .equals("web-b"));
      await()
          .during(Duration.ofSeconds(20))
          .atMost(Duration.ofSeconds(40))
          .until(() -> replicas(deployment(cluster, ns, "web-b")) == 5);
      assertThat(applyOwnersOfReplicas(deployment(cluster, ns, "web-b"))).isEmpty();
    }
  }
}
