package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.webgarden.e2e.cluster.ClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One App through its life on a real API server: create, scale, autoscale, change, delete. */
@ExtendWith({ClusterExtension.class, OperatorExtension.class})
class AppLifecycleIT {
  private OperatorFixture operator;
  private KubernetesClient client;
  private Apps apps;
  private String ns;

  @BeforeEach
  void namespace(OperatorFixture operator) {
    this.operator = operator;
    this.client = operator.client();
    this.ns = operator.cluster().createNamespace("life");
    this.apps = new Apps(operator.cluster(), ns);
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  private List<Pod> pods(String app, String instance) {
    return client
        .pods()
        .inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", app)
        .withLabel("webgarden.io/instance", instance)
        .list()
        .getItems();
  }

  private Set<String> podUids(String app, String instance) {
    return pods(app, instance).stream()
        .map(p -> p.getMetadata().getUid())
        .collect(Collectors.toSet());
  }

  @Test
  void anAppBecomesItsObjectsAndReportsReady() {
    apps.apply(
        Apps.manifest(
            "shop",
            "example.invalid/shop-site:1.4.0",
            """
        replicas: 2
        hosting:
          nodeProcessCountPerApplication: 2
        """));
    JsonNode app = apps.awaitSettled("shop");

    JsonNode status = app.path("status");
    assertThat(status.path("production").path("instance").asText()).isEqualTo("a");
    assertThat(status.path("production").path("ready").asText()).isEqualTo("2/2");
    for (JsonNode condition : status.path("conditions")) {
      assertThat(condition.path("observedGeneration").asLong())
          .isEqualTo(app.path("metadata").path("generation").asLong());
    }
    String uid = app.path("metadata").path("uid").asText();

    ConfigMap config = client.configMaps().inNamespace(ns).withName("shop-webgarden").get();
    assertThat(config.getData().get("settings.yml")).contains("nodeProcessCountPerApplication: 2");
    assertThat(config.getData().get("web.config")).contains("server.js");
    Deployment a = deployment("shop-a");
    assertThat(a.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(a.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(OperatorProcess.RUNTIME_IMAGE);
    assertThat(deployment("shop-b")).isNull();
    Service service = client.services().inNamespace(ns).withName("shop").get();
    assertThat(service.getSpec().getSelector()).containsEntry("webgarden.io/instance", "a");
    assertThat(client.services().inNamespace(ns).withName("shop-staging").get()).isNull();
    PodDisruptionBudget pdb =
        client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("shop").get();
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    for (HasMetadata owned : List.of(config, a, service, pdb)) {
      assertThat(owned.getMetadata().getOwnerReferences())
          .anySatisfy(ref -> assertThat(ref.getUid()).isEqualTo(uid));
    }
    // The endpointslice controller found the two Ready pods behind the production Service.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .discovery()
                            .v1()
                            .endpointSlices()
                            .inNamespace(ns)
                            .withLabel("kubernetes.io/service-name", "shop")
                            .list()
                            .getItems())
                    .flatExtracting(EndpointSlice::getEndpoints)
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e.getConditions().getReady()).isTrue()));

    String table =
        operator.cluster().kubectl("get", "app", "shop", "-n", ns).assertSuccess().stdout();
    assertThat(table.lines().findFirst().orElseThrow().split("\\s{2,}"))
        .containsExactly("NAME", "READY", "PRODUCTION", "PODS", "STAGING", "LAST SWAP", "AGE");
    assertThat(table.lines().skip(1).findFirst().orElseThrow().split("\\s+"))
        .startsWith("shop", "True", status.path("production").path("revision").asText(), "2/2");
  }

  @Test
  void scalingChangesOnlyTheReplicaCount() {
    apps.apply(Apps.manifest("scale", "example.invalid/site:1", "replicas: 1\n"));
    apps.awaitSettled("scale");
    Set<String> before = podUids("scale", "a");
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("scale").get())
        .as("no PDB for one pod")
        .isNull();

    apps.patch("scale", "{\"spec\":{\"replicas\":3}}");
    JsonNode app = apps.awaitSettled("scale");
    assertThat(app.path("status").path("production").path("ready").asText()).isEqualTo("3/3");
    assertThat(deployment("scale-a").getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(podUids("scale", "a")).containsAll(before).hasSize(3);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("scale").get()
                    != null);

    apps.patch("scale", "{\"spec\":{\"replicas\":1}}");
    apps.awaitSettled("scale");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(pods("scale", "a")).hasSize(1);
              assertThat(
                      client
                          .policy()
                          .v1()
                          .podDisruptionBudget()
                          .inNamespace(ns)
                          .withName("scale")
                          .get())
                  .isNull();
            });
  }

  @Test
  void replicasZeroSettlesWithNoPods() {
    apps.apply(Apps.manifest("zero", "example.invalid/site:1", "replicas: 1\n"));
    apps.awaitSettled("zero");
    apps.patch("zero", "{\"spec\":{\"replicas\":0}}");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(deployment("zero-a").getSpec().getReplicas()).isZero();
              assertThat(pods("zero", "a")).isEmpty();
            });
    JsonNode app = apps.awaitSettled("zero");
    assertThat(app.path("status").path("production").path("ready").asText()).isEqualTo("0/0");
  }

  @Test
  void autoscalingHandsReplicasToTheHpaAndBack() {
    apps.apply(Apps.manifest("auto", "example.invalid/site:1", "replicas: 1\n"));
    apps.awaitSettled("auto");
    apps.patch(
        "auto",
        "{\"spec\":{\"replicas\":null,"
            + "\"resources\":{\"requests\":{\"cpu\":\"100m\"}},"
            + "\"autoscaling\":{\"minReplicas\":2,\"maxReplicas\":4}}}");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              HorizontalPodAutoscaler hpa =
                  client
                      .autoscaling()
                      .v2()
                      .horizontalPodAutoscalers()
                      .inNamespace(ns)
                      .withName("auto")
                      .get();
              assertThat(hpa).isNotNull();
              assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("auto-a");
              assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
              assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(4);
              // The HPA controller raised the Deployment to its minimum (no metrics needed for
              // that).
              assertThat(deployment("auto-a").getStatus().getReadyReplicas()).isEqualTo(2);
            });
    assertThat(deployment("auto-a").getMetadata().getManagedFields())
        .filteredOn(
            f ->
                f.getFieldsV1() != null
                    && f.getFieldsV1().getAdditionalProperties().toString().contains("f:replicas"))
        .extracting(f -> f.getManager())
        .as("who set spec.replicas")
        .contains("kube-controller-manager");

    // The HPA's choice stands: the operator's next reconciles do not fight it.
    apps.patch("auto", "{\"metadata\":{\"annotations\":{\"touch\":\"1\"}}}");
    apps.patch("auto", "{\"spec\":{\"hosting\":{\"maxPendingRequests\":100}}}");
    apps.awaitSettled("auto");
    assertThat(deployment("auto-a").getSpec().getReplicas()).isEqualTo(2);

    apps.patch("auto", "{\"spec\":{\"autoscaling\":null,\"replicas\":1}}");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(
                      client
                          .autoscaling()
                          .v2()
                          .horizontalPodAutoscalers()
                          .inNamespace(ns)
                          .withName("auto")
                          .get())
                  .isNull();
              assertThat(deployment("auto-a").getSpec().getReplicas()).isEqualTo(1);
            });
    apps.awaitSettled("auto");
  }

  @Test
  void aSettingsChangeReachesTheConfigMapWithoutRestartingPods() {
    apps.apply(Apps.manifest("settings", "example.invalid/site:1", "replicas: 2\n"));
    apps.awaitSettled("settings");
    Set<String> before = podUids("settings", "a");
    String template = deployment("settings-a").getSpec().getTemplate().toString();

    apps.patch("settings", "{\"spec\":{\"hosting\":{\"maxPendingRequests\":123}}}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .configMaps()
                    .inNamespace(ns)
                    .withName("settings-webgarden")
                    .get()
                    .getData()
                    .get("settings.yml")
                    .contains("maxPendingRequests: 123"));
    apps.awaitSettled("settings");
    assertThat(deployment("settings-a").getSpec().getTemplate().toString()).isEqualTo(template);
    assertThat(podUids("settings", "a")).isEqualTo(before);
  }

  @Test
  void aSourceChangeRollsTheDeployment() {
    apps.apply(Apps.manifest("roll", "example.invalid/site:1", "replicas: 2\n"));
    String revision =
        apps.awaitSettled("roll").path("status").path("production").path("revision").asText();
    Set<String> before = podUids("roll", "a");

    apps.patch("roll", "{\"spec\":{\"source\":{\"image\":{\"ref\":\"example.invalid/site:2\"}}}}");
    JsonNode app = apps.awaitSettled("roll");
    assertThat(app.path("status").path("production").path("revision").asText())
        .isNotEqualTo(revision);
    assertThat(deployment("roll-a").getSpec().getTemplate().getSpec().getInitContainers())
        .anySatisfy(c -> assertThat(c.getImage()).isEqualTo("example.invalid/site:2"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(podUids("roll", "a")).hasSize(2).doesNotContainAnyElementsOf(before));
  }

  @Test
  void deletingTheAppGarbageCollectsEverything() {
    apps.apply(Apps.manifest("gone", "example.invalid/site:1", "replicas: 2\n"));
    apps.awaitSettled("gone");
    operator.cluster().kubectl("delete", "app", "gone", "-n", ns, "--wait=true").assertSuccess();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(
                      client
                          .configMaps()
                          .inNamespace(ns)
                          .withLabel("app.kubernetes.io/instance", "gone")
                          .list()
                          .getItems())
                  .isEmpty();
              assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
              assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).isEmpty();
              assertThat(client.services().inNamespace(ns).list().getItems()).isEmpty();
              assertThat(
                      client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems())
                  .isEmpty();
              assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
            });
  }
}
