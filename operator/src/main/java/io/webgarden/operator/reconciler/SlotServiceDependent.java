package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Names;
import io.webgarden.operator.model.Slot;
import io.webgarden.operator.model.SlotPlan;
import io.webgarden.operator.model.Workloads;

/** A slot's Service; a swap is this object's selector flipping to the other instance. */
abstract class SlotServiceDependent extends CRUDKubernetesDependentResource<Service, App> {
  private final Slot slot;

  SlotServiceDependent(Slot slot) {
    super(Service.class);
    this.slot = slot;
  }

  @Override
  protected Service desired(App app, Context<App> context) {
    ReconcileInputs inputs = ReconcileInputs.of(context);
    SlotPlan plan = inputs.plan();
    return slot == Slot.production
        ? Workloads.service(app, slot, plan.production(), inputs.lastSwap())
        : Workloads.service(app, slot, plan.staging());
  }

  @Override
  protected ResourceID targetSecondaryResourceID(App app, Context<App> context) {
    String name = app.getMetadata().getName();
    return new ResourceID(
        slot == Slot.production ? Names.productionService(name) : Names.stagingService(name),
        app.getMetadata().getNamespace());
  }
}
