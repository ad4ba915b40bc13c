package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
    Apps apps = new Apps(cluster, ns);
    try (OperatorProcess operator = OperatorProcess.inNamespace(cluster, ns)) {
      apps.apply(
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
          """);

      JsonNode settled =
          await()
              .atMost(Duration.ofMinutes(2))
              .until(
                  () -> apps.get("idle"),
                  app ->
                      Apps.conditionAndReason(app, "Ready").equals("True ScaledToZero")
                          && Apps.conditionAndReason(app, "Progressing").equals("False Complete"));
      assertThat(settled.path("status").path("observedGeneration").asLong())
          .isEqualTo(settled.path("metadata").path("generation").asLong());
      assertThat(Apps.conditionAndReason(settled, "Degraded")).isEqualTo("False AsExpected");

      // Steady: no further status write flips anything (the resourceVersion stays).
      String version = settled.path("metadata").path("resourceVersion").asText();
      await()
          .during(Duration.ofSeconds(15))
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  apps.get("idle")
                      .path("metadata")
                      .path("resourceVersion")
                      .asText()
                      .equals(version));
      assertThat(operator.log()).exists();
    }
  }
}
