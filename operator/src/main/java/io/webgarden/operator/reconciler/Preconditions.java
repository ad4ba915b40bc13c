package io.webgarden.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Instance;
import io.webgarden.operator.model.SlotPlan.Kind;
import io.webgarden.operator.model.Workloads;

/**
 * When an optional object exists. A precondition that is not met makes JOSDK delete the object,
 * which is how autoscaling off, one replica, or removing the staging slot clean up.
 */
final class Preconditions {
  private Preconditions() {}

  /** Base: conditions here look only at the spec and the plan. */
  abstract static class PlanCondition<R> implements Condition<R, App> {
    @Override
    public boolean isMet(DependentResource<R, App> dependent, App app, Context<App> context) {
      return test(app, ReconcileInputs.of(context));
    }

    abstract boolean test(App app, ReconcileInputs inputs);
  }

  public static class HasStaging<R> extends PlanCondition<R> {
    @Override
    boolean test(App app, ReconcileInputs inputs) {
      return inputs.plan().staging() != null;
    }
  }

  public static class InstanceAWanted<R> extends PlanCondition<R> {
    @Override
    boolean test(App app, ReconcileInputs inputs) {
      return inputs.plan().desire(Instance.a).kind() != Kind.ABSENT;
    }
  }

  public static class InstanceBWanted<R> extends PlanCondition<R> {
    @Override
    boolean test(App app, ReconcileInputs inputs) {
      return inputs.plan().desire(Instance.b).kind() != Kind.ABSENT;
    }
  }

  public static class Autoscaled<R> extends PlanCondition<R> {
    @Override
    boolean test(App app, ReconcileInputs inputs) {
      return app.getSpec().autoscaling != null;
    }
  }

  public static class WantsPdb<R> extends PlanCondition<R> {
    @Override
    boolean test(App app, ReconcileInputs inputs) {
      return Workloads.wantsPdb(app.getSpec());
    }
  }
}
