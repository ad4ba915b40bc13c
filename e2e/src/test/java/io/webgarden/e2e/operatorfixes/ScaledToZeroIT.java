package io.webgarden.e2e.operatorfixes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.webgarden.e2e.cluster.ClusterExtension;
import io.webgarden.e2e.cluster.TestCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code replicas: 0} in both slots, with the real Deployment controller: the App reaches Ready and
 * Progressing=False for its current generation and stays there, which is what kstatus (Flux) and
 * Argo CD's health read as done.
 */
@ExtendWith(ClusterExtension.class)
class ScaledToZeroIT {

  @Test
  void bothSlotsAtZeroSettle(TestCluster cluster) throws Exception {
    String ns = cluster.createNamespace("zero");
    try (OperatorProcess operator = OperatorProcess.start(cluster, ns)) {
      cluster
          .kubectlWithInput(
              """
          apiVersion: webgarden.io/v1alpha1
          kind: App
          metadata:
            name: idle
          spec:
            entryPoint: server.js
            replicas: 0
            source:
              image:
                ref: registry.example/idle:1
            slots:
              staging:
                replicas: 0
                source:
                  image:
                    ref: registry.example/idle:2
          """,
              "apply",
              "-n",
              ns,
              "-f",
              "-")
          .assertSuccess();

      GenericKubernetesResource settled =
          await()
              .atMost(Duration.ofMinutes(2))
              .until(
                  () -> Apps.get(cluster, ns, "idle"),
                  app ->
                      app != null
                          && "True ScaledToZero".equals(Apps.condition(app, "Ready").orElse(""))
                          && "False Complete"
                              .equals(Apps.condition(app, "Progressing").orElse("")));
      assertThat(Apps.status(settled).get("observedGeneration"))
          .isEqualTo(settled.getMetadata().getGeneration().intValue());
      assertThat(Apps.condition(settled, "Degraded")).contains("False AsExpected");

      // Steady: no further status write flips anything (the resourceVersion stays).
      String version = settled.getMetadata().getResourceVersion();
      await()
          .during(Duration.ofSeconds(15))
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Apps.get(cluster, ns, "idle").getMetadata().getResourceVersion().equals(version));
      assertThat(operator.log()).exists();
    }
  }
}
