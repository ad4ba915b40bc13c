package io.webgarden.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.webgarden.e2e.cluster.ClusterExtension;
import io.webgarden.e2e.cluster.CommandResult;
import io.webgarden.e2e.cluster.Commands;
import io.webgarden.e2e.cluster.TestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * webgarden driven the way its users drive it, on a real node (containerd, runc, CNI, kubelet,
 * kube-proxy; see e2e/cluster/node/): the chart installed with Helm, an App from a ConfigMap, a
 * live update, and a swap, a rolling update, a scale-down and a crashed node process under load
 * through the Service with nothing lost. The steps build on each other, in order. Each prints a
 * {@code MEASURED} line; docs/operator.md quotes them.
 */
@ExtendWith(ClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeIT {
  private static final String OPERATOR_NAMESPACE = "webgarden-system";
  private static final String APP = "shop";
  private static final int CLIENTS = 32;
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(6);

  private int passed;
  private TestCluster cluster;
  private KubernetesClient client;
  private RealNode node;
  private String ns;

  @BeforeAll
  void node(TestCluster cluster) {
    this.cluster = cluster;
    this.client = cluster.client();
    this.node = RealNode.of(cluster);
  }

  @Test
  @Order(1)
  void helmInstallRunsTheOperatorInClusterWithLeaderElection() throws Exception {
    step(1);
    Instant started = Instant.now();
    Release release =
        new Helm(cluster.repo().resolve("charts/webgarden-operator"))
            .install()
            .withName("webgarden")
            .withNamespace(OPERATOR_NAMESPACE)
            .createNamespace()
            .withKubeConfig(cluster.kubeconfig())
            .set("image.repository", repository(node.operatorImage()))
            .set("image.tag", tag(node.operatorImage()))
            .set("runtimeImage", node.hostImage())
            .waitReady()
            .withTimeout(600)
            .call();
    Duration installed = Duration.between(started, Instant.now());
    assertThat(release.getStatus()).isEqualTo("deployed");

    List<Pod> pods = operatorPods();
    assertThat(pods)
        .hasSize(2)
        .allSatisfy(
            pod -> {
              assertThat(ready(pod)).as("pod %s Ready", name(pod)).isTrue();
              assertThat(pod.getSpec().getNodeName()).isEqualTo(node.name());
            });
    Set<String> names = pods.stream().map(RealNodeIT::name).collect(Collectors.toSet());
    String leader = awaitLeader(names::contains);

    // The leader goes away: another replica (the standby, or the leader's replacement if it is
    // quicker) takes the Lease.
    Instant deleted = Instant.now();
    client.pods().inNamespace(OPERATOR_NAMESPACE).withName(leader).delete();
    String next = awaitLeader(holder -> !holder.equals(leader));
    Duration failover = Duration.between(deleted, Instant.now());
    await()
        .atMost(Duration.ofMinutes(5))
        .untilAsserted(
            () ->
                assertThat(operatorPods())
                    .hasSize(2)
                    .allSatisfy(pod -> assertThat(ready(pod)).isTrue()));
    measured(
        "helm install to 2 Ready operator pods %.1f s; leader %s, then %s %.1f s after the"
            + " leader pod was deleted",
        seconds(installed), leader, next, seconds(failover));
  }

  @Test
  @Order(2)
  void anAppFromAConfigMapTurnsReadyAfterWarmUpAndAnswersThroughItsService() {
    step(2);
    ns = cluster.createNamespace("garden");
    apply(TestSite.configMap(ns, "site-blue", "v1"));
    Instant started = Instant.now();
    apply(TestSite.app(ns, APP, "site-blue", 3));

    await()
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(appPods())
                    .hasSize(3)
                    .allSatisfy(
                        pod -> assertThat(ready(pod)).as("pod %s Ready", name(pod)).isTrue()));
    Duration toReady = Duration.between(started, Instant.now());
    for (Pod pod : appPods()) {
      assertThat(pod.getSpec().getNodeName()).isEqualTo(node.name());
      // Ready comes only after a process answered its warm-up page (5 s), not when the JVM is up.
      long warmedAt =
          kubectl("logs", "-n", ns, name(pod), "-c", "webgarden")
              .stdout()
              .lines()
              .filter(l -> l.contains(TestSite.WARM_UP_DONE))
              .mapToLong(
                  l ->
                      Long.parseLong(
                          l.substring(
                                  l.indexOf(TestSite.WARM_UP_DONE) + TestSite.WARM_UP_DONE.length())
                              .split(" ")[0]))
              .min()
              .orElseThrow(() -> new AssertionError("no warm-up in the logs of " + name(pod)));
      Instant readyAt = Instant.parse(readyCondition(pod).getLastTransitionTime());
      assertThat(readyAt.plusSeconds(1))
          .as("Ready of %s vs warm-up done", name(pod))
          .isAfter(Instant.ofEpochMilli(warmedAt));
    }
    // Nothing was pulled: every image came from containerd's store.
    assertThat(
            kubectl("get", "events", "-n", ns, "-o", "name", "--field-selector", "reason=Pulling")
                .stdout())
        .isBlank();

    HttpAnswer answer = node.fetch(serviceUrl(APP));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).startsWith("v1-r0 node v").contains("warm=true");
    measured(
        "App of 3 pods Ready %.1f s after kubectl apply; Service %s answered: %s",
        seconds(toReady), serviceUrl(APP), answer.body().strip());
  }

  @Test
  @Order(3)
  void aConfigMapUpdateRecyclesTheRunningPodsWithoutARestart() {
    step(3);
    Map<String, String> before = podUids();
    Instant updated = Instant.now();
    apply(TestSite.configMap(ns, "site-blue", "v2"));
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> node.fetch(serviceUrl(APP)).body().startsWith("v2-"));
    Duration took = Duration.between(updated, Instant.now());
    // Every pod serves v2, and they are the same pods, never restarted.
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              LoadTotals sample = sample(serviceUrl(APP), Duration.ofSeconds(3));
              assertThat(sample.answers()).containsOnlyKeys("v2-r0");
            });
    assertThat(podUids()).isEqualTo(before);
    assertThat(appPods())
        .allSatisfy(
            pod ->
                assertThat(pod.getStatus().getContainerStatuses())
                    .allSatisfy(c -> assertThat(c.getRestartCount()).isZero()));
    measured(
        "ConfigMap update answered by the Service %.1f s later, same 3 pods, 0 restarts",
        seconds(took));
  }

  @Test
  @Order(4)
  void aSwapOfStagingIntoProductionUnderLoadLosesNothing() {
    step(4);
    apply(TestSite.configMap(ns, "site-green", "v3"));
    patch(
        "{\"spec\":{\"slots\":{\"staging\":{\"replicas\":1,"
            + "\"source\":{\"configMap\":{\"name\":\"site-green\"}}}}}}");
    await()
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .until(() -> node.fetch(serviceUrl(APP + "-staging")).body().startsWith("v3-"));

    String[] swapOutput = new String[1];
    LoadRun run =
        underLoad(
            "v2-r0",
            () -> {
              swapOutput[0] =
                  Commands.run(
                          List.of(
                              cluster.kubectlBinary().toString(),
                              "webgarden",
                              "swap",
                              APP,
                              "-n",
                              ns),
                          Map.of(
                              "KUBECONFIG",
                              cluster.kubeconfig().toString(),
                              "PATH",
                              pluginPath(),
                              "WEBGARDEN_OPERATOR_JAR",
                              operatorJar()),
                          Duration.ofMinutes(2))
                      .assertSuccess()
                      .stdout()
                      .strip();
              await()
                  .atMost(Duration.ofMinutes(8))
                  .pollInterval(Duration.ofSeconds(1))
                  .ignoreExceptions()
                  .until(() -> node.fetch(serviceUrl(APP)).body().startsWith("v3-"));
            });

    assertThat(run.totals().answers()).containsKeys("v2-r0", "v3-r0");
    measured(
        "swap (%s): Service answered v3 %.1f s after kubectl webgarden swap, the old pods"
            + " gone %.1f s after it; under %d clients: %s",
        swapOutput[0],
        seconds(run.took()),
        seconds(run.terminated()),
        CLIENTS,
        run.totals().describe());
    assertNothingLost(run);
  }

  @Test
  @Order(5)
  void aRollingUpdateOfProductionUnderLoadLosesNothing() {
    step(5);
    LoadRun run =
        underLoad(
            "v3-r0",
            () -> {
              patch("{\"spec\":{\"appSettings\":[{\"name\":\"RELEASE\",\"value\":\"r1\"}]}}");
              await()
                  .atMost(Duration.ofMinutes(10))
                  .pollInterval(Duration.ofSeconds(2))
                  .untilAsserted(
                      () ->
                          assertThat(productionPods())
                              .hasSize(3)
                              .allSatisfy(
                                  pod -> {
                                    assertThat(ready(pod)).isTrue();
                                    assertThat(pod.getSpec().getContainers().get(0).getEnv())
                                        .anySatisfy(
                                            e -> assertThat(e.getName()).isEqualTo("RELEASE"));
                                  }));
            });

    assertThat(run.totals().answers()).containsKeys("v3-r0", "v3-r1");
    measured(
        "rolling update of 3 production pods %.1f s, the old pods gone after %.1f s; under"
            + " %d clients: %s",
        seconds(run.took()), seconds(run.terminated()), CLIENTS, run.totals().describe());
    assertNothingLost(run);
  }

  @Test
  @Order(6)
  void aScaleDownFromThreeToOneUnderLoadLosesNothing() {
    step(6);
    LoadRun run =
        underLoad(
            "v3-r1",
            () -> {
              patch("{\"spec\":{\"replicas\":1}}");
              await()
                  .atMost(Duration.ofMinutes(5))
                  .pollInterval(Duration.ofSeconds(1))
                  .untilAsserted(() -> assertThat(productionPods()).hasSize(1));
            });

    measured(
        "scale-down 3 to 1: 1 pod left in the Service %.1f s after the patch, the other two"
            + " gone after %.1f s; under %d clients: %s",
        seconds(run.took()), seconds(run.terminated()), CLIENTS, run.totals().describe());
    assertNothingLost(run);
  }

  @Test
  @Order(7)
  void aKilledNodeProcessUnderLoadLosesNothing() {
    step(7);
    Pod pod = productionPods().get(0);
    List<Long> before = node.nodeProcessesOf(pod);
    assertThat(before).as("node processes of %s", name(pod)).hasSize(2);
    LoadRun run =
        underLoad(
            "v3-r1",
            () -> {
              ProcessHandle.of(before.get(0)).orElseThrow().destroyForcibly(); // SIGKILL
              await()
                  .atMost(Duration.ofMinutes(2))
                  .pollInterval(Duration.ofMillis(200))
                  .untilAsserted(
                      () ->
                          assertThat(node.nodeProcessesOf(pod))
                              .hasSize(2)
                              .doesNotContain(before.get(0)));
            });

    assertThat(
            client
                .pods()
                .inNamespace(ns)
                .withName(name(pod))
                .get()
                .getStatus()
                .getContainerStatuses())
        .allSatisfy(c -> assertThat(c.getRestartCount()).isZero());
    measured(
        "kill -9 of node process %d: replaced %.1f s later, pod not restarted; under %d"
            + " clients: %s",
        before.get(0), seconds(run.took()), CLIENTS, run.totals().describe());
    assertNothingLost(run);
  }

  @Test
  @Order(8)
  void kubectlLogsShowTheAppsConsoleAndMetricsAreScrapeable() {
    step(8);
    Pod pod = productionPods().get(0);
    String logs = kubectl("logs", "-n", ns, name(pod), "-c", "webgarden").stdout();
    assertThat(logs).contains(TestSite.LISTENING + "v3");
    HttpAnswer metrics = node.fetch("http://" + pod.getStatus().getPodIP() + ":9090/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("# TYPE").contains("webgarden_");
    measured(
        "kubectl logs: %d lines; /metrics of %s: %d lines",
        logs.lines().count(), name(pod), metrics.body().lines().count());
  }

  @Test
  @Order(9)
  void kubectlDeleteAppRemovesEverythingItOwns() {
    step(9);
    String selector = "app.kubernetes.io/instance=" + APP;
    assertThat(
            kubectl(
                    "get",
                    "deployments,services,configmaps",
                    "-n",
                    ns,
                    "-l",
                    selector,
                    "-o",
                    "name")
                .stdout()
                .lines())
        .hasSizeGreaterThanOrEqualTo(4);
    Instant started = Instant.now();
    kubectl("delete", "app", APP, "-n", ns, "--wait=true", "--timeout=5m");
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(
                        kubectl(
                                "get",
                                "pods,deployments,replicasets,services,configmaps,poddisruptionbudgets,"
                                    + "horizontalpodautoscalers",
                                "-n",
                                ns,
                                "-l",
                                selector,
                                "-o",
                                "name")
                            .stdout())
                    .isBlank());
    // The user's own ConfigMaps are theirs: not owned by the App, not deleted.
    assertThat(
            kubectl("get", "configmap", "site-blue", "site-green", "-n", ns, "-o", "name")
                .stdout()
                .lines())
        .hasSize(2);
    measured(
        "kubectl delete app: everything gone %.1f s later",
        seconds(Duration.between(started, Instant.now())));
  }

  // --- helpers --------------------------------------------------------------------------------

  private List<Pod> operatorPods() {
    return client
        .pods()
        .inNamespace(OPERATOR_NAMESPACE)
        .withLabel("app.kubernetes.io/name", "webgarden-operator")
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private String awaitLeader(Predicate<String> candidate) {
    return await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Lease lease =
                  client
                      .leases()
                      .inNamespace(OPERATOR_NAMESPACE)
                      .withName("webgarden-operator")
                      .get();
              return lease == null ? null : lease.getSpec().getHolderIdentity();
            },
            holder -> holder != null && candidate.test(holder));
  }

  private List<Pod> appPods() {
    return client
        .pods()
        .inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", APP)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /** The pods the production Service selects. */
  private List<Pod> productionPods() {
    Map<String, String> selector =
        client.services().inNamespace(ns).withName(APP).get().getSpec().getSelector();
    return client.pods().inNamespace(ns).withLabels(selector).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private Map<String, String> podUids() {
    return appPods().stream()
        .collect(Collectors.toMap(RealNodeIT::name, p -> p.getMetadata().getUid()));
  }

  private String serviceUrl(String service) {
    return "http://"
        + client.services().inNamespace(ns).withName(service).get().getSpec().getClusterIP()
        + "/";
  }

  private LoadTotals sample(String url, Duration length) {
    Load load = node.startLoad(url, 4, length.plusSeconds(30));
    hold(length);
    return load.stop();
  }

  /** A load run's totals and how long its change took to complete. */
  private record LoadRun(LoadTotals totals, Duration took, Duration terminated) {}

  /**
   * Runs {@code change} (which waits for its own completion) while {@value #CLIENTS} clients loop
   * on the production Service, answered by {@code answering} when it starts; then keeps them going
   * until every pod the change deleted is gone (its preStop wait, its drain after SIGTERM, its
   * exit: the window in which clients still hold keep-alive connections to it), and 5 s beyond.
   */
  private LoadRun underLoad(String answering, Runnable change) {
    Load load = node.startLoad(serviceUrl(APP), CLIENTS, LOAD_LIMIT);
    awaitAnswers(load, answering);
    Instant started = Instant.now();
    change.run();
    Duration took = Duration.between(started, Instant.now());
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(terminatingPods()).as("pods still terminating").isEmpty());
    Duration terminated = Duration.between(started, Instant.now());
    hold(Duration.ofSeconds(5));
    return new LoadRun(load.stop(), took, terminated);
  }

  /** The App's pods that are being deleted but still exist. */
  private List<String> terminatingPods() {
    return client
        .pods()
        .inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", APP)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() != null)
        .map(RealNodeIT::name)
        .toList();
  }

  /** Checked after {@link #measured}: the step's state is in place for the next steps. */
  private static void assertNothingLost(LoadRun run) {
    assertThat(run.totals().failures()).as(run.totals().describe()).isEmpty();
  }

  /** Waits until the load client has had answers (its JVM started and reached the Service). */
  private void awaitAnswers(Load load, String expected) {
    load.awaitFirstAnswer(Duration.ofMinutes(1));
    hold(Duration.ofSeconds(3));
    assertThat(node.fetch(serviceUrl(APP)).body()).startsWith(expected);
  }

  private void apply(String yaml) {
    cluster.kubectlWithInput(yaml, "apply", "-f", "-").assertSuccess();
  }

  private void patch(String mergePatch) {
    kubectl("patch", "app", APP, "-n", ns, "--type", "merge", "-p", mergePatch);
  }

  private CommandResult kubectl(String... args) {
    return cluster.kubectl(args).assertSuccess();
  }

  private String pluginPath() {
    return cluster.repo().resolve("operator/bin") + ":" + System.getenv("PATH");
  }

  private String operatorJar() {
    return cluster.repo().resolve("operator/target/webgarden-operator.jar").toString();
  }

  private static boolean ready(Pod pod) {
    PodCondition ready = readyCondition(pod);
    return ready != null && "True".equals(ready.getStatus());
  }

  private static PodCondition readyCondition(Pod pod) {
    return pod.getStatus() == null
        ? null
        : pod.getStatus().getConditions().stream()
            .filter(c -> "Ready".equals(c.getType()))
            .findFirst()
            .orElse(null);
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }

  private static String repository(String image) {
    return image.substring(0, image.lastIndexOf(':'));
  }

  private static String tag(String image) {
    return image.substring(image.lastIndexOf(':') + 1);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  /** Keeps the load running for {@code length}: a stretch of traffic, not a stand-in wait. */
  private static void hold(Duration length) {
    try {
      Thread.sleep(length.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Step {@code n} builds on every earlier one: skip it, saying why, when one failed. */
  private void step(int n) {
    Assumptions.assumeTrue(
        passed == n - 1, "step " + (passed + 1) + " failed; step " + n + " builds on it");
  }

  private void measured(String format, Object... args) {
    passed++;
    System.out.println("MEASURED " + String.format(format, args));
  }
}
