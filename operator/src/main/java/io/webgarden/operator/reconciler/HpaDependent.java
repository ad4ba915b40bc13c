package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Labels;
import io.webgarden.operator.model.Names;
import io.webgarden.operator.model.Workloads;

/** The production instance's autoscaler; follows production across swaps. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class HpaDependent extends CRUDKubernetesDependentResource<HorizontalPodAutoscaler, App> {
  public HpaDependent() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  protected HorizontalPodAutoscaler desired(App app, Context<App> context) {
    return Workloads.hpa(app, ReconcileInputs.of(context).plan().production());
  }

  /** Named without desired(), which needs spec fields that are gone when this is deleted. */
  @Override
  protected ResourceID targetSecondaryResourceID(App app, Context<App> context) {
    return new ResourceID(Names.hpa(app.getMetadata().getName()), app.getMetadata().getNamespace());
  }
}
