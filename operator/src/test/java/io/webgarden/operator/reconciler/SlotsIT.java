package io.webgarden.operator.reconciler;

import static io.webgarden.operator.reconciler.MockCluster.NS;
import static io.webgarden.operator.reconciler.MockCluster.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.Autoscaling;
import io.webgarden.operator.model.Apps;
import io.webgarden.operator.swap.SourceSwap;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staging slot, swaps by exchanging sources, and autoSwap, against the CRUD mock server. */
class SlotsIT {
  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = new MockCluster().startOperator();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private App createWithStaging(boolean autoSwap) {
    App app =
        Apps.withStaging(
            Apps.app("web", Apps.image("registry.test/web:1")), Apps.image("registry.test/web:2"));
    app.getMetadata().setNamespace(NS);
    app.getSpec().slots.autoSwap = autoSwap ? Boolean.TRUE : null;
    app.getSpec().slots.staging.appSettings = Apps.env("SLOT", "staging");
    return cluster.create(app);
  }

  private String selected(String service) {
    return cluster.get(Service.class, service).getSpec().getSelector().get("webgarden.io/instance");
  }

  private String resourceVersion(String deployment) {
    return cluster.get(Deployment.class, deployment).getMetadata().getResourceVersion();
  }

  private static String image(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage();
  }

  @Test
  void stagingRunsASecondInstanceBehindItsOwnService() {
    createWithStaging(false);

    Deployment b = cluster.awaitObject(Deployment.class, "web-b", d -> true);
    assertThat(image(b)).isEqualTo("registry.test/web:2");
    assertThat(b.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anyMatch(e -> e.getName().equals("SLOT") && e.getValue().equals("staging"));
    cluster.awaitObject(Service.class, "web-staging", s -> true);
    assertThat(selected("web-staging")).isEqualTo("b");
    assertThat(selected("web")).isEqualTo("a");

    cluster.markReady("web-a");
    cluster.markReady("web-b");
    App ready = cluster.awaitApp("web", condition("Ready", "True", "Available"));
    assertThat(ready.getStatus().production.instance).isEqualTo("a");
    assertThat(ready.getStatus().staging.instance).isEqualTo("b");
    assertThat(ready.getStatus().staging.revision)
        .isEqualTo(b.getMetadata().getAnnotations().get("webgarden.io/revision"));
  }

  @Test
  void exchangingSourcesFlipsTheSelectorsAndRestartsNothing() {
    createWithStaging(false);
    cluster.markReady("web-a");
    cluster.markReady("web-b");
    cluster.awaitApp("web", condition("Ready", "True", "Available"));
    // Same sticky settings in both slots, so an exchange of sources is a pure selector flip.
    cluster.editApp("web", a -> a.getSpec().slots.staging.appSettings = null);
    cluster.awaitObject(
        Deployment.class,
        "web-b",
        d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().isEmpty());
    cluster.markReady("web-b");
    cluster.awaitApp(
        "web",
        a ->
            a.getStatus().observedGeneration == 2
                && condition("Ready", "True", "Available").test(a));
    String aVersion = resourceVersion("web-a");
    String bVersion = resourceVersion("web-b");

    new SourceSwap(cluster.client).exchange(NS, "web");

    App swapped = cluster.awaitApp("web", a -> a.getStatus().lastSwap != null);
    assertThat(selected("web")).isEqualTo("b");
    assertThat(selected("web-staging")).isEqualTo("a");
    assertThat(swapped.getStatus().lastSwap.from).isEqualTo("a");
    assertThat(swapped.getStatus().lastSwap.to).isEqualTo("b");
    assertThat(swapped.getStatus().production.instance).isEqualTo("b");
    assertThat(resourceVersion("web-a")).as("no pod restarts in a").isEqualTo(aVersion);
    assertThat(resourceVersion("web-b")).as("no pod restarts in b").isEqualTo(bVersion);
    assertThat(condition("Ready", "True", "Available").test(swapped)).isTrue();
    await()
        .atMost(MockCluster.PATIENCE)
        .until(
            () ->
                cluster.events().stream()
                    .anyMatch(e -> e.startsWith("Swapped: production moved from instance a to b")));
  }

  @Test
  void swapWaitsForStagingToBeReadyAndSaysSo() {
    createWithStaging(false);
    cluster.markReady("web-a");
    // Production serves (Ready) while staging still rolls out (Progressing).
    cluster.awaitApp(
        "web",
        a ->
            condition("Ready", "True", "RollingOut").test(a)
                && condition("Progressing", "True", "RollingOut").test(a));
    String aVersion = resourceVersion("web-a");

    new SourceSwap(cluster.client).exchange(NS, "web");

    App pending = cluster.awaitApp("web", condition("Progressing", "True", "SwapPending"));
    assertThat(selected("web")).isEqualTo("a");
    assertThat(pending.getStatus().lastSwap).isNull();
    assertThat(resourceVersion("web-a")).as("production is held as it is").isEqualTo(aVersion);
    // Production's sticky settings move onto b before it may take traffic.
    Deployment b =
        cluster.awaitObject(
            Deployment.class,
            "web-b",
            d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().isEmpty());

    cluster.markReady("web-b");
    App swapped = cluster.awaitApp("web", a -> a.getStatus().lastSwap != null);
    assertThat(selected("web")).isEqualTo("b");
    assertThat(image(b)).isEqualTo("registry.test/web:2");
    Deployment a =
        cluster.awaitObject(
            Deployment.class,
            "web-a",
            d ->
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .anyMatch(e -> e.getName().equals("SLOT")));
    assertThat(image(a)).as("the old production becomes staging").isEqualTo("registry.test/web:1");
    assertThat(swapped.getStatus().staging.instance).isEqualTo("a");
  }

  @Test
  void autoSwapPromotesAReadyStagingOnceAndNeverSwapsItBack() {
    createWithStaging(true);
    cluster.markReady("web-a");
    cluster.markReady("web-b");

    // Staging is Ready with a new source: the operator exchanges the sources in the spec.
    App exchanged =
        cluster.awaitObject(
            App.class, "web", a -> a.getSpec().source.image.ref.equals("registry.test/web:2"));
    assertThat(exchanged.getSpec().slots.staging.source.image.ref).isEqualTo("registry.test/web:1");
    await()
        .atMost(MockCluster.PATIENCE)
        .until(
            () ->
                cluster.events().stream()
                    .anyMatch(e -> e.startsWith("AutoSwap: staging revision")));
    // b takes production's sticky settings, warms up, then the selectors flip.
    cluster.awaitObject(
        Deployment.class,
        "web-b",
        d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().isEmpty());
    assertThat(selected("web")).isEqualTo("a");
    cluster.markReady("web-b");
    cluster.awaitApp("web", a -> a.getStatus().lastSwap != null);
    assertThat(selected("web")).isEqualTo("b");

    // The old production, now staging on a, takes staging's settings and turns Ready.
    cluster.awaitObject(
        Deployment.class,
        "web-a",
        d ->
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .anyMatch(e -> e.getName().equals("SLOT")));
    cluster.markReady("web-a");
    cluster.awaitApp("web", condition("Ready", "True", "Available"));

    App settled = cluster.app("web");
    assertThat(settled.getStatus().swapHistory).as("no swap back").hasSize(1);
    assertThat(settled.getSpec().source.image.ref).isEqualTo("registry.test/web:2");
    assertThat(selected("web")).isEqualTo("b");
  }

  @Test
  void aSwapWhoseStatusWriteFailedIsStillRecordedAndNotSwappedBack() {
    createWithStaging(true);
    cluster.markReady("web-a");
    cluster.markReady("web-b");
    cluster.awaitObject(
        App.class, "web", a -> a.getSpec().source.image.ref.equals("registry.test/web:2"));
    cluster.awaitObject(
        Deployment.class,
        "web-b",
        d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().isEmpty());
    cluster.awaitApp("web", condition("Progressing", "True", "SwapPending"));
    // The API server refuses the status write of the reconcile that flips the selectors.
    cluster.failNextStatusWrite("web");

    cluster.markReady("web-b");
    await().atMost(MockCluster.PATIENCE).until(() -> "b".equals(selected("web")));
    App recorded = cluster.awaitApp("web", a -> a.getStatus().lastSwap != null);
    assertThat(recorded.getStatus().lastSwap.to).isEqualTo("b");
    assertThat(cluster.failedStatusWrites()).as("the flip's status write failed").isEqualTo(1);

    // a, now staging, runs the old production source and turns Ready: autoSwap must not take
    // that source back into production.
    cluster.awaitObject(
        Deployment.class,
        "web-a",
        d ->
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .anyMatch(e -> e.getName().equals("SLOT")));
    cluster.markReady("web-a");
    cluster.awaitApp("web", condition("Ready", "True", "Available"));
    App settled = cluster.app("web");
    assertThat(settled.getSpec().source.image.ref).isEqualTo("registry.test/web:2");
    assertThat(settled.getStatus().swapHistory).hasSize(1);
    assertThat(selected("web")).isEqualTo("b");
  }

  @Test
  void aSwapUnderAutoscalingKeepsProductionsPods() {
    App app =
        Apps.withStaging(
            Apps.app("web", Apps.image("registry.test/web:1")), Apps.image("registry.test/web:2"));
    app.getMetadata().setNamespace(NS);
    app.getSpec().autoscaling = new Autoscaling();
    app.getSpec().autoscaling.minReplicas = 3;
    app.getSpec().autoscaling.maxReplicas = 10;
    app.getSpec().resources =
        new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("100m")).build();
    cluster.create(app);
    cluster.awaitObject(Deployment.class, "web-a", d -> d.getSpec().getReplicas() == 3);
    cluster.markReady("web-a");
    cluster.markReady("web-b");
    cluster.awaitApp("web", condition("Ready", "True", "Available"));
    // Play the HPA: production has grown to 6 pods. Like the HPA, set it again while it is not
    // there: without SSA an operator update from a stale cache can race the first edit.
    await()
        .atMost(MockCluster.PATIENCE.multipliedBy(3))
        .pollInterval(Duration.ofMillis(200))
        .until(this::hpaAtSixPods, "settled"::equals);

    new SourceSwap(cluster.client).exchange(NS, "web");

    Deployment b =
        cluster.awaitObject(Deployment.class, "web-b", d -> d.getSpec().getReplicas() == 6);
    assertThat(selected("web")).as("no flip before b has the pods").isEqualTo("a");
    cluster.markReady("web-b");
    await().atMost(MockCluster.PATIENCE).until(() -> "b".equals(selected("web")));
    assertThat(cluster.get(Deployment.class, "web-b").getSpec().getReplicas())
        .as("the new production keeps 6 pods until the HPA decides")
        .isEqualTo(6);
    assertThat(image(b)).isEqualTo("registry.test/web:2");
  }

  /** One round of the played HPA and kubelet; "settled" once the App reports 6 Ready pods. */
  private String hpaAtSixPods() {
    if (cluster.get(Deployment.class, "web-a").getSpec().getReplicas() != 6) {
      cluster
          .client
          .apps()
          .deployments()
          .inNamespace(NS)
          .withName("web-a")
          .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(6).endSpec().build());
    }
    App now = cluster.app("web");
    if (now.getStatus().production.replicas == 6
        && condition("Ready", "True", "Available").test(now)) {
      return "settled";
    }
    cluster.markReady("web-a"); // the kubelet's part, for whatever count it has now
    Deployment a = cluster.get(Deployment.class, "web-a");
    return "web-a "
        + a.getSpec().getReplicas()
        + " "
        + a.getStatus()
        + ", App "
        + now.getStatus().production.ready
        + " "
        + now.getStatus().conditions;
  }

  @Test
  void settledSlotsAfterASwapWriteNothingOnTheNextReconcile() throws InterruptedException {
    createWithStaging(false);
    cluster.markReady("web-a");
    cluster.markReady("web-b");
    cluster.awaitApp("web", condition("Ready", "True", "Available"));
    new SourceSwap(cluster.client).exchange(NS, "web");
    cluster.awaitObject(
        Deployment.class,
        "web-b",
        d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().isEmpty());
    cluster.markReady("web-b");
    cluster.awaitObject(
        Deployment.class,
        "web-a",
        d -> !d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().isEmpty());
    cluster.markReady("web-a");
    cluster.awaitApp(
        "web",
        a ->
            a.getStatus().lastSwap != null
                && condition("Ready", "True", "Available").test(a)
                && condition("Progressing", "False", "Complete").test(a));
    cluster.stopOperator();
    cluster.drainRequests();
    long before = cluster.reconciles();

    cluster.startOperator();
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.reconciles() > before);

    assertThat(cluster.writes()).isEmpty();
  }

  @Test
  void removingStagingDeletesItsInstanceAndService() {
    App app = createWithStaging(false);
    cluster.awaitObject(Deployment.class, "web-b", d -> true);

    cluster.editApp("web", a -> a.getSpec().slots = null);

    cluster.awaitGone(Service.class, "web-staging");
    cluster.awaitGone(Deployment.class, "web-b");
    assertThat(cluster.get(Deployment.class, "web-a")).isNotNull();
    assertThat(app.getMetadata().getName()).isEqualTo("web");
  }
}
