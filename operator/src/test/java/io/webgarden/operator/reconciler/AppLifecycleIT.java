package io.webgarden.operator.reconciler;

import static io.webgarden.operator.reconciler.MockCluster.NS;
import static io.webgarden.operator.reconciler.MockCluster.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.Autoscaling;
import io.webgarden.operator.api.Hosting;
import io.webgarden.operator.model.Annotations;
import io.webgarden.operator.model.Apps;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One App without slots, driven through a running operator against the CRUD mock server. */
class AppLifecycleIT {
  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = new MockCluster().startOperator();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static App app(String name) {
    App app = Apps.app(name, Apps.image("registry.test/" + name + ":1"));
    app.getMetadata().setNamespace(NS);
    return app;
  }

  /** Creates the App and plays the kubelet until it is Ready. */
  private App readyApp(String name) {
    cluster.create(app(name));
    cluster.markReady(name + "-a");
    return cluster.awaitApp(name, condition("Ready", "True", "Available"));
  }

  private App edit(String name, Consumer<App> change) {
    return cluster.editApp(name, change);
  }

  private static String revision(Deployment d) {
    return d.getMetadata().getAnnotations().get(Annotations.REVISION);
  }

  @Test
  void createBuildsConfigDeploymentAndServiceOwnedByTheApp() {
    App created = cluster.create(app("web"));

    Deployment d = cluster.awaitObject(Deployment.class, "web-a", x -> true);
    ConfigMap cm = cluster.awaitObject(ConfigMap.class, "web-webgarden", x -> true);
    Service svc = cluster.awaitObject(Service.class, "web", x -> true);
    for (HasMetadata owned : List.<HasMetadata>of(d, cm, svc)) {
      assertThat(owned.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
      assertThat(owned.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "webgarden-operator")
          .containsEntry("app.kubernetes.io/instance", "web")
          .containsKey("app.kubernetes.io/component");
    }
    assertThat(svc.getSpec().getSelector()).containsEntry("webgarden.io/instance", "a");
    App pending = cluster.awaitApp("web", condition("Progressing", "True", "RollingOut"));
    assertThat(pending.getStatus().observedGeneration).isEqualTo(1);
    assertThat(condition("Ready", "False", "RollingOut").test(pending)).isTrue();
    assertThat(cluster.get(Deployment.class, "web-b")).isNull();
    assertThat(cluster.get(Service.class, "web-staging")).isNull();

    cluster.markReady("web-a");
    App ready = cluster.awaitApp("web", condition("Ready", "True", "Available"));
    assertThat(ready.getStatus().production.ready).isEqualTo("1/1");
    assertThat(ready.getStatus().production.revision).isEqualTo(revision(d));
  }

  @Test
  void newImageRollsTheDeploymentAndReportsProgress() {
    String before =
        revision(cluster.get(Deployment.class, readyApp("web").getMetadata().getName() + "-a"));

    edit("web", a -> a.getSpec().source.image.ref = "registry.test/web:2");

    Deployment rolled =
        cluster.awaitObject(Deployment.class, "web-a", d -> !revision(d).equals(before));
    assertThat(rolled.getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage())
        .isEqualTo("registry.test/web:2");
    App app = cluster.awaitApp("web", a -> a.getStatus().observedGeneration == 2);
    assertThat(condition("Progressing", "True", "RollingOut").test(app)).isTrue();
    cluster.markReady("web-a");
    cluster.awaitApp("web", condition("Ready", "True", "Available"));
  }

  @Test
  void scalingUpAddsAPdbAndScalingDownRemovesIt() {
    readyApp("web");

    edit("web", a -> a.getSpec().replicas = 3);
    cluster.awaitObject(Deployment.class, "web-a", d -> d.getSpec().getReplicas() == 3);
    PodDisruptionBudget pdb = cluster.awaitObject(PodDisruptionBudget.class, "web", p -> true);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .containsEntry("webgarden.io/instance", "a");
    await()
        .atMost(MockCluster.PATIENCE)
        .until(() -> cluster.events().contains("Scaled: production scaled from 1 to 3 replicas"));

    edit("web", a -> a.getSpec().replicas = 1);
    cluster.awaitObject(Deployment.class, "web-a", d -> d.getSpec().getReplicas() == 1);
    cluster.awaitGone(PodDisruptionBudget.class, "web");
  }

  @Test
  void autoscalingOnCreatesAnHpaAndOffRemovesIt() {
    readyApp("web");

    edit(
        "web",
        a -> {
          a.getSpec().autoscaling = new Autoscaling();
          a.getSpec().autoscaling.minReplicas = 2;
          a.getSpec().autoscaling.maxReplicas = 5;
          a.getSpec().resources =
              new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("100m")).build();
        });
    HorizontalPodAutoscaler hpa =
        cluster.awaitObject(HorizontalPodAutoscaler.class, "web", h -> true);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("web-a");
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
    // The HPA owns the count from now on; the operator only keeps it at the HPA's minimum.
    cluster.awaitObject(Deployment.class, "web-a", d -> d.getSpec().getReplicas() == 2);
    cluster.awaitObject(PodDisruptionBudget.class, "web", p -> true);

    edit("web", a -> a.getSpec().autoscaling = null);
    cluster.awaitGone(HorizontalPodAutoscaler.class, "web");
    cluster.awaitGone(PodDisruptionBudget.class, "web");
  }

  @Test
  void eachSourceKindShapesThePod() {
    App cm = Apps.app("cm", Apps.configMap("cm-site"));
    cm.getMetadata().setNamespace(NS);
    cluster.create(cm);
    App git = Apps.app("git", Apps.git("https://git.test/site.git"));
    git.getMetadata().setNamespace(NS);
    cluster.create(git);
    cluster.create(app("img"));

    var cmPod =
        cluster.awaitObject(Deployment.class, "cm-a", d -> true).getSpec().getTemplate().getSpec();
    assertThat(cmPod.getVolumes().get(0).getProjected().getSources())
        .extracting(p -> p.getConfigMap().getName())
        .containsExactly("cm-site", "cm-webgarden");
    assertThat(cmPod.getInitContainers()).isEmpty();
    var gitPod =
        cluster.awaitObject(Deployment.class, "git-a", d -> true).getSpec().getTemplate().getSpec();
    assertThat(gitPod.getInitContainers()).extracting("name").containsExactly("git-sync-init");
    assertThat(gitPod.getContainers()).extracting("name").containsExactly("webgarden", "git-sync");
    var imgPod =
        cluster.awaitObject(Deployment.class, "img-a", d -> true).getSpec().getTemplate().getSpec();
    assertThat(imgPod.getInitContainers()).extracting("name").containsExactly("copy-site");
  }

  @Test
  void hostingChangeUpdatesTheConfigMapWithoutRollingPods() {
    readyApp("web");
    Deployment before = cluster.get(Deployment.class, "web-a");

    edit(
        "web",
        a -> {
          a.getSpec().hosting = new Hosting();
          a.getSpec().hosting.nodeProcessCountPerApplication = 4;
        });

    cluster.awaitObject(
        ConfigMap.class,
        "web-webgarden",
        c -> c.getData().get("settings.yml").contains("nodeProcessCountPerApplication: 4"));
    cluster.awaitApp("web", a -> a.getStatus().observedGeneration == 2);
    Deployment after = cluster.get(Deployment.class, "web-a");
    assertThat(after.getMetadata().getResourceVersion())
        .as("the sidecar applies settings.yml live: the Deployment is not written")
        .isEqualTo(before.getMetadata().getResourceVersion());
  }

  @Test
  void invalidSpecIsReportedAndTouchesNothing() {
    readyApp("web");
    Deployment before = cluster.get(Deployment.class, "web-a");

    edit("web", a -> a.getSpec().webConfig = "<configuration>");

    App degraded = cluster.awaitApp("web", condition("Degraded", "True", "InvalidSpec"));
    assertThat(degraded.getStatus().observedGeneration).isEqualTo(2);
    assertThat(condition("Ready", "False", "InvalidSpec").test(degraded)).isTrue();
    assertThat(cluster.get(Deployment.class, "web-a").getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(cluster.get(ConfigMap.class, "web-webgarden").getData().get("web.config"))
        .as("the last valid rendering stays")
        .contains("Rendered by webgarden-operator");
    await()
        .atMost(MockCluster.PATIENCE)
        .until(
            () ->
                cluster.events().stream()
                    .anyMatch(
                        e -> e.startsWith("InvalidSpec: spec.webConfig is not well-formed XML")));

    edit("web", a -> a.getSpec().webConfig = null);
    cluster.awaitApp("web", condition("Degraded", "False", "AsExpected"));
  }

  @Test
  void aSecondReconcileWithNothingChangedWritesNothing() throws InterruptedException {
    readyApp("web");
    cluster.stopOperator();
    cluster.drainRequests();
    long before = cluster.reconciles();

    // A fresh operator reconciles every App once at start: the level-based pass.
    cluster.startOperator();
    await().atMost(MockCluster.PATIENCE).until(() -> cluster.reconciles() > before);

    assertThat(cluster.writes()).isEmpty();
  }

  @Test
  void deletedAppLeavesOnlyObjectsTheClusterGarbageCollects() {
    App app = readyApp("web");
    String uid = app.getMetadata().getUid();

    cluster.client.resource(app).delete();
    cluster.awaitGone(App.class, "web");

    // The mock has no garbage collector; a real API server deletes everything owned by the App.
    for (Class<? extends HasMetadata> type :
        List.of(Deployment.class, Service.class, ConfigMap.class)) {
      cluster
          .client
          .resources(type)
          .inNamespace(NS)
          .list()
          .getItems()
          .forEach(
              o -> {
                assertThat(o.getMetadata().getOwnerReferences())
                    .extracting("uid")
                    .containsExactly(uid);
                cluster.client.resource(o).delete();
              });
    }
    cluster.create(app("other"));
    cluster.awaitObject(Deployment.class, "other-a", d -> true);
    assertThat(cluster.get(Deployment.class, "web-a")).as("nothing resurrects it").isNull();
  }
}
