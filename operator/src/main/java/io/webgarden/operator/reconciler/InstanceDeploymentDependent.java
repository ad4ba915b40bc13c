package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Instance;
import io.webgarden.operator.model.Names;
import io.webgarden.operator.model.Replicas;
import io.webgarden.operator.model.SlotPlan.Desire;
import io.webgarden.operator.model.SlotPlan.Kind;
import io.webgarden.operator.model.Workloads;

/** One instance's Deployment; the two subclasses only say which instance. */
abstract class InstanceDeploymentDependent
    extends CRUDKubernetesDependentResource<Deployment, App> {
  private final Instance instance;

  InstanceDeploymentDependent(Instance instance) {
    super(Deployment.class);
    this.instance = instance;
  }

  @Override
  protected Deployment desired(App app, Context<App> context) {
    ReconcileInputs inputs = ReconcileInputs.of(context);
    Deployment actual = inputs.actual().get(instance);
    Desire desire = inputs.plan().desire(instance);
    if (desire.kind() == Kind.HOLD && actual != null) {
      return held(actual);
    }
    Integer replicas = desire.content().replicas();
    if (replicas == null && !useSSA(context)) {
      // A full update would reset an absent count: keep the HPA's, at least the floor.
      int floor =
          Replicas.autoscaledFloor(app.getSpec(), inputs.plan(), instance, inputs.observed());
      int current =
          actual == null || actual.getSpec().getReplicas() == null
              ? 0
              : actual.getSpec().getReplicas();
      replicas = Math.max(floor, current);
    }
    // Under server-side apply an autoscaled count is left out: the HPA owns spec.replicas, and
    // ReplicaHandover has already raised it to the floor.
    return Workloads.deployment(app, desire.content(), instance, replicas, inputs.defaults());
  }

  /** Production until the swap: exactly what it runs, as a copy (cache objects are shared). */
  private static Deployment held(Deployment actual) {
    return new DeploymentBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(actual.getMetadata().getName())
                .withNamespace(actual.getMetadata().getNamespace())
                .withLabels(actual.getMetadata().getLabels())
                .withAnnotations(actual.getMetadata().getAnnotations())
                .build())
        .withSpec(new DeploymentBuilder(actual).buildSpec())
        .build();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(App app, Context<App> context) {
    return new ResourceID(
        Names.deployment(app.getMetadata().getName(), instance), app.getMetadata().getNamespace());
  }
}
