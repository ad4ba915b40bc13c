package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.webgarden.e2e.cluster.ClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Server-side apply by a second field manager on an owned Deployment. */
@ExtendWith({ClusterExtension.class, OperatorExtension.class})
class ConflictIT {

  @Test
  void theOperatorRestoresWhatItOwnsAndLeavesTheRest(OperatorFixture operator) {
    String ns = operator.cluster().createNamespace("conflict");
    Apps apps = new Apps(operator.cluster(), ns);
    apps.apply(Apps.manifest("edit", "example.invalid/site:1", "replicas: 2\n"));
    apps.awaitSettled("edit");

    // A human takes over the host image (a field the operator applies) and adds an annotation.
    String human =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: edit-a
          annotations:
            example.com/owner: team-shop
        spec:
          template:
            spec:
              containers:
              - name: webgarden
                image: example.invalid/hotfix:1
        """;
    operator
        .cluster()
        .kubectlWithInput(
            human,
            "apply",
            "--server-side",
            "--force-conflicts",
            "--field-manager=human",
            "-n",
            ns,
            "-f",
            "-")
        .assertSuccess();

    await("operator restores the image")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Deployment live =
                  operator.client().apps().deployments().inNamespace(ns).withName("edit-a").get();
              assertThat(live.getSpec().getTemplate().getSpec().getContainers())
                  .filteredOn(c -> c.getName().equals("webgarden"))
                  .singleElement()
                  .satisfies(
                      c -> assertThat(c.getImage()).isEqualTo(OperatorProcess.RUNTIME_IMAGE));
              assertThat(live.getMetadata().getAnnotations())
                  .containsEntry("example.com/owner", "team-shop");
            });
    apps.awaitSettled("edit");
  }
}
