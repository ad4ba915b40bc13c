package io.webgarden.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.AppSpec;
import io.webgarden.operator.api.Autoscaling;
import io.webgarden.operator.api.SwapRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** App + slot plan → the desired object of each kind the App owns. Pure: no client, no I/O. */
public final class Workloads {
  private static final int DEFAULT_TARGET_CPU = 80;

  private Workloads() {}

  /** The settings file and web.config; both update live in the pods (no subPath mounts). */
  public static ConfigMap configMap(App app) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(SettingsFile.KEY, SettingsFile.render(app.getSpec().hosting));
    data.put(SiteVolumes.WEB_CONFIG, webConfig(app.getSpec()));
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(Names.configMap(name(app)))
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(Labels.common(name(app), "config"))
        .endMetadata()
        .withData(data)
        .build();
  }

  /** Revision of what {@code slot} would run: the template hash, independent of the instance. */
  public static String revision(App app, SlotContent slot, OperatorDefaults defaults) {
    return Hashes.of(PodTemplates.template(app.getSpec(), slot, configMapName(app), defaults));
  }

  /**
   * One instance running {@code slot}.
   *
   * @param replicas pods to ask for; null leaves spec.replicas out, for the HPA to own
   */
  public static Deployment deployment(
      App app, SlotContent slot, Instance instance, Integer replicas, OperatorDefaults defaults) {
    AppSpec spec = app.getSpec();
    PodTemplateSpec template = PodTemplates.template(spec, slot, configMapName(app), defaults);
    String revision = Hashes.of(template);
    Map<String, String> podLabels = new LinkedHashMap<>(Labels.common(name(app), "host"));
    podLabels.putAll(Labels.selector(name(app), instance));
    // The template already carries what must roll pods (the config checksum); add identity.
    template.getMetadata().setLabels(podLabels);
    template.getMetadata().getAnnotations().put(Annotations.REVISION, revision);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(Annotations.REVISION, revision);
    annotations.put(Annotations.SOURCE, slot.sourceHash());
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(Names.deployment(name(app), instance))
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(withInstance(Labels.common(name(app), "host"), instance))
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Labels.selector(name(app), instance))
        .endSelector()
        .withTemplate(template)
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString(0))
        .withMaxSurge(new IntOrString(1))
        .endRollingUpdate()
        .endStrategy()
        .endSpec()
        .build();
  }

  /** {@code <app>} or {@code <app>-staging}: a swap changes only the selector's instance. */
  public static Service service(App app, Slot slot, Instance instance) {
    return service(app, slot, instance, null);
  }

  /**
   * @param lastSwap recorded on the production Service (see {@link SwapMark}); null for none
   */
  public static Service service(App app, Slot slot, Instance instance, SwapRecord lastSwap) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (slot == Slot.production && lastSwap != null) {
      annotations.put(Annotations.LAST_SWAP, SwapMark.render(lastSwap));
    }
    String name =
        slot == Slot.production
            ? Names.productionService(name(app))
            : Names.stagingService(name(app));
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(Labels.common(name(app), slot.name()))
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withSelector(Labels.selector(name(app), instance))
        .addNewPort()
        .withName("http")
        .withPort(80)
        .withTargetPort(new IntOrString("http"))
        .endPort()
        .endSpec()
        .build();
  }

  public static HorizontalPodAutoscaler hpa(App app, Instance production) {
    Autoscaling autoscaling = app.getSpec().autoscaling;
    int target =
        autoscaling.targetCPUUtilizationPercentage == null
            ? DEFAULT_TARGET_CPU
            : autoscaling.targetCPUUtilizationPercentage;
    return new HorizontalPodAutoscalerBuilder()
        .withNewMetadata()
        .withName(Names.hpa(name(app)))
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(Labels.common(name(app), "production"))
        .endMetadata()
        .withNewSpec()
        .withNewScaleTargetRef("apps/v1", "Deployment", Names.deployment(name(app), production))
        .withMinReplicas(autoscaling.minReplicas == null ? 1 : autoscaling.minReplicas)
        .withMaxReplicas(autoscaling.maxReplicas)
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(target)
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }

  /** At most one production pod down at a time during voluntary disruptions. */
  public static PodDisruptionBudget pdb(App app, Instance production) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(Names.pdb(name(app)))
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(Labels.common(name(app), "production"))
        .endMetadata()
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(Labels.selector(name(app), production))
        .endSelector()
        .endSpec()
        .build();
  }

  /** A PDB protects nothing with one pod and blocks node drains, so only above one. */
  public static boolean wantsPdb(AppSpec spec) {
    if (spec.autoscaling != null) {
      return spec.autoscaling.maxReplicas > 1
          && (spec.autoscaling.minReplicas == null ? 1 : spec.autoscaling.minReplicas) > 1;
    }
    return spec.replicas != null && spec.replicas > 1;
  }

  static String webConfig(AppSpec spec) {
    return WebConfig.render(spec.entryPoint, spec.webConfig);
  }

  public static String configMapName(App app) {
    return Names.configMap(name(app));
  }

  private static Map<String, String> withInstance(Map<String, String> labels, Instance instance) {
    labels.put(Labels.SLOT_INSTANCE, instance.name());
    return labels;
  }

  private static String name(App app) {
    return app.getMetadata().getName();
  }
}
