package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Labels;
import io.webgarden.operator.model.Names;
import io.webgarden.operator.model.Workloads;

/** Keeps node drains from taking more than one production pod at a time. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class PdbDependent extends CRUDKubernetesDependentResource<PodDisruptionBudget, App> {
  public PdbDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget desired(App app, Context<App> context) {
    return Workloads.pdb(app, ReconcileInputs.of(context).plan().production());
  }

  /** Named without desired(), which needs spec fields that are gone when this is deleted. */
  @Override
  protected ResourceID targetSecondaryResourceID(App app, Context<App> context) {
    return new ResourceID(Names.pdb(app.getMetadata().getName()), app.getMetadata().getNamespace());
  }
}
