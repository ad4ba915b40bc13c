package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.webgarden.e2e.cluster.ClusterExtension;
import io.webgarden.e2e.cluster.CommandResult;
import io.webgarden.e2e.cluster.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Staging slots and swaps on a real API server: selectors flip, pods stay. */
@ExtendWith({ClusterExtension.class, OperatorExtension.class})
class SlotsIT {
  private static final String V1 = "example.invalid/site:1";
  private static final String V2 = "example.invalid/site:2";
  private OperatorFixture operator;
  private KubernetesClient client;
  private Apps apps;
  private String ns;

  @BeforeEach
  void namespace(OperatorFixture operator) {
    this.operator = operator;
    this.client = operator.client();
    this.ns = operator.cluster().createNamespace("slots");
    this.apps = new Apps(operator.cluster(), ns);
  }

  private static String withStaging(String name, String production, String staging, String extra) {
    return Apps.manifest(
        name,
        production,
        """
        replicas: 2
        slots:
          staging:
            replicas: 2
            source:
              image:
                ref: %s
        %s"""
            .formatted(staging, extra.indent(2)));
  }

  private String selector(String service) {
    return client
        .services()
        .inNamespace(ns)
        .withName(service)
        .get()
        .getSpec()
        .getSelector()
        .get("webgarden.io/instance");
  }

  private Set<String> podUids(String app) {
    return client
        .pods()
        .inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", app)
        .list()
        .getItems()
        .stream()
        .map(Pod::getMetadata)
        .map(m -> m.getUid())
        .collect(Collectors.toSet());
  }

  private String source(JsonNode app) {
    return app.path("spec").path("source").path("image").path("ref").asText();
  }

  /** Waits for the production Service to select {@code instance}, then for the App to settle. */
  private JsonNode awaitProduction(String name, String instance) {
    await("production on " + instance)
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(selector(name)).isEqualTo(instance));
    return apps.awaitSettled(name);
  }

  @Test
  void stagingRunsASecondInstanceBehindItsOwnService() {
    apps.apply(withStaging("stage", V1, V2, ""));
    JsonNode app = apps.awaitSettled("stage");
    assertThat(app.path("status").path("staging").path("instance").asText()).isEqualTo("b");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(apps.get("stage").path("status").path("staging").path("ready").asText())
                    .isEqualTo("2/2"));
    assertThat(selector("stage")).isEqualTo("a");
    assertThat(selector("stage-staging")).isEqualTo("b");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("stage-b")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getInitContainers())
        .anySatisfy(c -> assertThat(c.getImage()).isEqualTo(V2));

    // Removing the slot removes its instance and Service.
    apps.patch("stage", "{\"spec\":{\"slots\":null}}");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(client.apps().deployments().inNamespace(ns).withName("stage-b").get())
                  .isNull();
              assertThat(client.services().inNamespace(ns).withName("stage-staging").get())
                  .isNull();
            });
    apps.awaitSettled("stage");
  }

  @Test
  void exchangingSourcesSwapsBySelectorsAndRestartsNothing() {
    apps.apply(withStaging("swap", V1, V2, ""));
    apps.awaitSettled("swap");
    await().atMost(Duration.ofSeconds(60)).until(() -> podUids("swap").size() == 4);
    Set<String> pods = podUids("swap");

    // The GitOps swap: one apply that exchanges the two sources.
    apps.apply(withStaging("swap", V2, V1, ""));
    JsonNode app = awaitProduction("swap", "b");
    assertThat(selector("swap-staging")).isEqualTo("a");
    assertThat(podUids("swap")).as("no pod restarted").isEqualTo(pods);
    JsonNode swap = app.path("status").path("lastSwap");
    assertThat(swap.path("from").asText()).isEqualTo("a");
    assertThat(swap.path("to").asText()).isEqualTo("b");
    assertThat(
            operator
                .cluster()
                .kubectl(
                    "get",
                    "events",
                    "-n",
                    ns,
                    "--field-selector",
                    "involvedObject.name=swap,reason=Swapped",
                    "-o",
                    "name")
                .assertSuccess()
                .stdout())
        .isNotBlank();
  }

  @Test
  void theSwapCommandSwapsAndASecondSwapRollsBack() {
    apps.apply(withStaging("cmd", V1, V2, ""));
    apps.awaitSettled("cmd");
    Set<String> pods = podUids("cmd");

    CommandResult swap = swapCommand("cmd");
    assertThat(swap.stdout()).contains("sources exchanged");
    JsonNode app = awaitProduction("cmd", "b");
    assertThat(source(app)).isEqualTo(V2);

    swapCommand("cmd"); // the rollback
    app = awaitProduction("cmd", "a");
    assertThat(source(app)).isEqualTo(V1);
    assertThat(app.path("status").path("lastSwap").path("to").asText()).isEqualTo("a");
    assertThat(podUids("cmd")).as("no pod restarted").isEqualTo(pods);

    CommandResult missing =
        Commands.run(
            List.of(java(), "-jar", jar().toString(), "swap", "nosuch", "-n", ns),
            Map.of("KUBECONFIG", operator.cluster().kubeconfig().toString()),
            Duration.ofSeconds(60));
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).startsWith("swap: ");
  }

  @Test
  void theKubectlPluginSwapsAndShowsStatus() {
    apps.apply(withStaging("plugin", V1, V2, ""));
    apps.awaitSettled("plugin");
    Path bin = operator.cluster().repo().resolve("operator/bin");
    String path =
        bin
            + ":"
            + operator.cluster().kubectlBinary().getParent()
            + ":"
            + Path.of(java()).getParent()
            + ":"
            + System.getenv("PATH");
    Map<String, String> env =
        Map.of("PATH", path, "KUBECONFIG", operator.cluster().kubeconfig().toString());
    String kubectl = operator.cluster().kubectlBinary().toString();

    assertThat(
            Commands.run(List.of(kubectl, "plugin", "list"), env, Duration.ofSeconds(30)).stdout())
        .contains("kubectl-webgarden");
    Commands.run(
            List.of(kubectl, "webgarden", "swap", "plugin", "-n", ns), env, Duration.ofSeconds(60))
        .assertSuccess();
    awaitProduction("plugin", "b");
    String status =
        Commands.run(
                List.of(kubectl, "webgarden", "status", "plugin", "-n", ns),
                env,
                Duration.ofSeconds(30))
            .assertSuccess()
            .stdout();
    assertThat(status)
        .contains("production: b", "staging:    a", "last swap:", "a -> b", "Ready=True");
  }

  @Test
  void autoSwapPromotesANewReadyStagingOnce() {
    apps.apply(withStaging("auto", V1, V1, "autoSwap: true\n"));
    apps.awaitSettled("auto");
    assertThat(selector("auto")).isEqualTo("a");

    apps.patch(
        "auto",
        "{\"spec\":{\"slots\":{\"staging\":{\"source\":{\"image\":{\"ref\":\"" + V2 + "\"}}}}}}");
    JsonNode app = awaitProduction("auto", "b");
    assertThat(source(app)).isEqualTo(V2);
    assertThat(
            app.path("spec")
                .path("slots")
                .path("staging")
                .path("source")
                .path("image")
                .path("ref")
                .asText())
        .isEqualTo(V1);
    assertThat(
            operator
                .cluster()
                .kubectl(
                    "get",
                    "events",
                    "-n",
                    ns,
                    "--field-selector",
                    "involvedObject.name=auto,reason=AutoSwap",
                    "-o",
                    "name")
                .assertSuccess()
                .stdout())
        .isNotBlank();
    // The old production now in staging is not new: autoSwap leaves it there.
    JsonNode settled = apps.awaitSettled("auto");
    assertThat(selector("auto")).isEqualTo("b");
    assertThat(settled.path("status").path("lastSwap").path("stagingSource").asText()).isNotBlank();
  }

  private CommandResult swapCommand(String app) {
    return Commands.run(
            List.of(java(), "-jar", jar().toString(), "swap", app, "-n", ns),
            Map.of("KUBECONFIG", operator.cluster().kubeconfig().toString()),
            Duration.ofSeconds(60))
        .assertSuccess();
  }

  private Path jar() {
    return operator.cluster().repo().resolve("operator/target/webgarden-operator.jar");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
