package io.webgarden.operator.model;

import static io.webgarden.operator.model.Apps.DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.Autoscaling;
import io.webgarden.operator.api.Hosting;
import io.webgarden.operator.api.Runtime;
import io.webgarden.operator.api.SwapRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rendered manifest is written as YAML, parsed back into fabric8 classes and checked. */
class WorkloadsTest {

  private static <T> T roundTrip(T object, Class<T> type) {
    return Serialization.unmarshal(Serialization.asYaml(object), type);
  }

  private static Deployment deployment(App app, Instance instance) {
    SlotContent slot = SlotContent.production(app.getSpec());
    return roundTrip(Workloads.deployment(app, slot, instance, 2, DEFAULTS), Deployment.class);
  }

  private static Container host(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  void hostContainerRunsTheSidecarAsAgreed() {
    Deployment d = deployment(Apps.app("shop", Apps.image("shop:1")), Instance.a);

    assertThat(d.getMetadata().getName()).isEqualTo("shop-a");
    assertThat(d.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    Container host = host(d);
    assertThat(host.getImage()).isEqualTo("webgarden/host:test");
    assertThat(host.getCommand())
        .containsExactly(
            "java",
            "-jar",
            "/opt/webgarden/webgarden-sidecar.jar",
            "serve",
            "/site",
            "--port",
            "8080",
            "--admin-port",
            "9090",
            "--settings",
            "/etc/webgarden/settings.yml");
    assertThat(host.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(host.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(host.getStartupProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
  }

  @Test
  void podsFollowRestrictedPodSecurity() {
    PodSpec pod =
        deployment(Apps.app("shop", Apps.git("https://example.test/shop.git")), Instance.a)
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getInitContainers()).hasSize(1);
    assertThat(pod.getContainers()).hasSize(2);
    for (Container c : concat(pod)) {
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }
    assertThat(pod.getVolumes())
        .extracting(Volume::getName)
        .containsExactly("site", "config", "tmp", "logs");
  }

  private static List<Container> concat(PodSpec pod) {
    List<Container> all = new ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    return all;
  }

  @Test
  void imageSourceCopiesCodeAndWebConfigInAnInitContainer() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    app.getSpec().webConfig = "<configuration/>";
    PodSpec pod = deployment(app, Instance.a).getSpec().getTemplate().getSpec();

    Container copy = pod.getInitContainers().get(0);
    assertThat(copy.getImage()).isEqualTo("shop:1");
    assertThat(copy.getCommand().get(2))
        .isEqualTo("cp -R '/app/.' /site/ && cp /etc/webgarden/web.config /site/web.config");
    assertThat(deployment(app, Instance.a).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey(Annotations.CONFIG_CHECKSUM);
    app.getSpec().webConfig = null;
    assertThat(
            deployment(app, Instance.a)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getInitContainers()
                .get(0)
                .getCommand()
                .get(2))
        .as("the image's own web.config wins over the generated default")
        .endsWith("{ [ -e /site/web.config ] || cp /etc/webgarden/web.config /site/web.config; }");
    assertThat(pod.getVolumes().get(0).getEmptyDir()).isNotNull();
  }

  @Test
  void configMapSourceProjectsTheSiteAndWebConfigForLiveUpdates() {
    App app = Apps.app("shop", Apps.configMap("shop-site"));
    app.getSpec().webConfig = "<configuration/>";
    Deployment d = deployment(app, Instance.b);
    PodSpec pod = d.getSpec().getTemplate().getSpec();

    assertThat(pod.getInitContainers()).isEmpty();
    var projected = pod.getVolumes().get(0).getProjected().getSources();
    assertThat(projected.get(0).getConfigMap().getName()).isEqualTo("shop-site");
    assertThat(projected.get(1).getConfigMap().getName()).isEqualTo("shop-webgarden");
    assertThat(projected.get(1).getConfigMap().getItems().get(0).getPath()).isEqualTo("web.config");
    assertThat(host(d).getVolumeMounts()).allMatch(m -> m.getSubPath() == null);
    // The sidecar sees web.config change live, so no checksum rolls the pods.
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey(Annotations.CONFIG_CHECKSUM);
  }

  @Test
  void gitSourceServesTheSyncedLink() {
    Deployment d =
        deployment(Apps.app("shop", Apps.git("https://example.test/shop.git")), Instance.a);
    PodSpec pod = d.getSpec().getTemplate().getSpec();

    assertThat(host(d).getCommand()).contains("/site/current");
    assertThat(pod.getInitContainers().get(0).getArgs()).contains("--one-time", "--ref=main");
    assertThat(pod.getContainers().get(1).getArgs()).contains("--period=60s", "--link=current");
  }

  @Test
  void gracePeriodCoversThePreStopWaitTheSidecarsDrainAndAMargin() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    PodSpec pod = deployment(app, Instance.a).getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getLifecycle().getPreStop().getSleep().getSeconds())
        .as("default preStop wait")
        .isEqualTo(5L);
    assertThat(pod.getTerminationGracePeriodSeconds()).as("5 + 60 + 10").isEqualTo(75L);

    app.getSpec().hosting = new Hosting();
    app.getSpec().hosting.gracefulShutdownTimeout = 1500;
    app.getSpec().runtime = new Runtime();
    app.getSpec().runtime.preStopDelaySeconds = 12;
    pod = deployment(app, Instance.a).getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getLifecycle().getPreStop().getSleep().getSeconds())
        .isEqualTo(12L);
    assertThat(pod.getTerminationGracePeriodSeconds()).as("12 + 2 + 10").isEqualTo(24L);

    app.getSpec().runtime.preStopDelaySeconds = 0;
    pod = deployment(app, Instance.a).getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getLifecycle()).as("0 turns the wait off").isNull();
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(12L);
  }

  @Test
  void onlyTheHostContainerWaitsBeforeItStops() {
    PodSpec pod =
        deployment(Apps.app("shop", Apps.git("https://example.test/shop.git")), Instance.a)
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(pod.getContainers().get(1).getName()).isEqualTo("git-sync");
    assertThat(pod.getContainers().get(1).getLifecycle()).isNull();
  }

  @Test
  void instancesDifferOnlyInNameAndSelector() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    Deployment a = deployment(app, Instance.a);
    Deployment b = deployment(app, Instance.b);

    assertThat(a.getSpec().getSelector().getMatchLabels())
        .containsEntry(Labels.SLOT_INSTANCE, "a")
        .containsEntry(Labels.INSTANCE, "shop");
    assertThat(b.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.SLOT_INSTANCE, "b")
        .containsEntry(Labels.MANAGED_BY, "webgarden-operator");
    assertThat(a.getMetadata().getAnnotations().get(Annotations.REVISION))
        .isEqualTo(b.getMetadata().getAnnotations().get(Annotations.REVISION))
        .isEqualTo(Workloads.revision(app, SlotContent.production(app.getSpec()), DEFAULTS));
    assertThat(a.getSpec().getTemplate().getSpec()).isEqualTo(b.getSpec().getTemplate().getSpec());
  }

  @Test
  void revisionChangesWithSlotSettingsButNotWithHostingFile() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    String before = Workloads.revision(app, SlotContent.production(app.getSpec()), DEFAULTS);
    app.getSpec().hosting = new Hosting();
    app.getSpec().hosting.maxPendingRequests = 5;
    assertThat(Workloads.revision(app, SlotContent.production(app.getSpec()), DEFAULTS))
        .as("settings.yml is applied live by the sidecar: no new pods")
        .isEqualTo(before);
    app.getSpec().appSettings = Apps.env("COLOR", "blue");
    assertThat(Workloads.revision(app, SlotContent.production(app.getSpec()), DEFAULTS))
        .isNotEqualTo(before);
  }

  @Test
  void configMapHoldsSettingsAndWebConfig() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    app.getSpec().hosting = new Hosting();
    app.getSpec().hosting.nodeProcessCountPerApplication = 2;
    app.getSpec().webConfig = "<configuration/>";
    ConfigMap cm = roundTrip(Workloads.configMap(app), ConfigMap.class);

    assertThat(cm.getMetadata().getName()).isEqualTo("shop-webgarden");
    assertThat(cm.getData().get("settings.yml")).contains("nodeProcessCountPerApplication: 2\n");
    assertThat(cm.getData().get("web.config"))
        .contains("<add modules=\"iisnode\" name=\"iisnode-webgarden\" path=\"server.js\"");
  }

  @Test
  void servicesSelectTheirInstance() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    Service prod = roundTrip(Workloads.service(app, Slot.production, Instance.b), Service.class);
    Service staging = roundTrip(Workloads.service(app, Slot.staging, Instance.a), Service.class);

    assertThat(prod.getMetadata().getName()).isEqualTo("shop");
    assertThat(prod.getSpec().getSelector()).containsEntry(Labels.SLOT_INSTANCE, "b");
    assertThat(prod.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    assertThat(staging.getMetadata().getName()).isEqualTo("shop-staging");
    assertThat(staging.getSpec().getSelector()).containsEntry(Labels.SLOT_INSTANCE, "a");
  }

  @Test
  void hpaTargetsTheProductionInstance() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    app.getSpec().autoscaling = new Autoscaling();
    app.getSpec().autoscaling.minReplicas = 2;
    app.getSpec().autoscaling.maxReplicas = 6;
    HorizontalPodAutoscaler hpa =
        roundTrip(Workloads.hpa(app, Instance.b), HorizontalPodAutoscaler.class);

    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("shop-b");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(80);
    assertThat(Workloads.wantsPdb(app.getSpec())).isTrue();
  }

  @Test
  void pdbOnlyAboveOneReplica() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    assertThat(Workloads.wantsPdb(app.getSpec())).isFalse();
    app.getSpec().replicas = 3;
    assertThat(Workloads.wantsPdb(app.getSpec())).isTrue();
    PodDisruptionBudget pdb = roundTrip(Workloads.pdb(app, Instance.a), PodDisruptionBudget.class);
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .containsEntry(Labels.SLOT_INSTANCE, "a");
  }

  @Test
  void everyContainerBesidesTheHostRequestsCpuAndMemory() {
    for (App app :
        List.of(
            Apps.app("shop", Apps.image("shop:1")),
            Apps.app("shop", Apps.git("https://example.test/shop.git")))) {
      PodSpec pod = deployment(app, Instance.a).getSpec().getTemplate().getSpec();
      for (Container c : concat(pod)) {
        if (c.getName().equals(PodTemplates.HOST)) {
          continue;
        }
        // The HPA's CPU utilisation is usage over requests: a container without one breaks it.
        assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
      }
    }
  }

  @Test
  void theProductionServiceCarriesTheLastSwap() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    SwapRecord swap = new SwapRecord();
    swap.time = "2026-01-01T00:00:00Z";
    swap.from = "a";
    swap.to = "b";
    swap.stagingSource = "abc123";
    Service prod =
        roundTrip(Workloads.service(app, Slot.production, Instance.b, swap), Service.class);

    assertThat(SwapMark.read(prod)).isEqualTo(swap);
    assertThat(
            SwapMark.read(
                roundTrip(Workloads.service(app, Slot.staging, Instance.a), Service.class)))
        .isNull();
  }

  @Test
  void anAutoscaledCountIsLeftOutOfTheDeploymentForTheHpaToOwn() {
    App app = Apps.app("shop", Apps.image("shop:1"));
    Deployment d =
        roundTrip(
            Workloads.deployment(
                app, SlotContent.production(app.getSpec()), Instance.a, null, DEFAULTS),
            Deployment.class);

    assertThat(d.getSpec().getReplicas()).isNull();
    assertThat(Serialization.asYaml(d)).doesNotContain("replicas");
  }
}
