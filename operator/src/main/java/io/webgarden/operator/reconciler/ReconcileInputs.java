package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.SwapRecord;
import io.webgarden.operator.model.Instance;
import io.webgarden.operator.model.ObservedInstance;
import io.webgarden.operator.model.OperatorDefaults;
import io.webgarden.operator.model.SlotPlan;
import java.util.Map;

/**
 * What the reconciler decided before running the workflow, handed to the dependents through the
 * context: JOSDK creates dependents itself, so they cannot receive it in a constructor.
 *
 * @param actual each instance's Deployment as cached now (read-only: JOSDK 5 does not clone)
 * @param observed what each instance runs, read from {@code actual}
 * @param lastSwap the swap the production Service records, this reconcile's own on a flip
 */
record ReconcileInputs(
    SlotPlan plan,
    OperatorDefaults defaults,
    Map<Instance, Deployment> actual,
    Map<Instance, ObservedInstance> observed,
    SwapRecord lastSwap) {

  void attachTo(Context<App> context) {
    context.managedWorkflowAndDependentResourceContext().put(ReconcileInputs.class, this);
  }

  static ReconcileInputs of(Context<App> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(ReconcileInputs.class, ReconcileInputs.class);
  }
}
