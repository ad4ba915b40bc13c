package io.webgarden.operator.model;

import io.webgarden.operator.api.AppSpec;
import java.util.Map;

/** Pod counts the operator itself must guarantee while an HPA owns production's count. */
public final class Replicas {
  private Replicas() {}

  /**
   * The fewest pods {@code instance} may have while it runs production's content under autoscaling:
   * the HPA's minimum, and during a swap (until the HPA targets it) everything production has now,
   * since the HPA grew production to that for a reason.
   */
  public static int autoscaledFloor(
      AppSpec spec, SlotPlan plan, Instance instance, Map<Instance, ObservedInstance> observed) {
    int min = spec.autoscaling.minReplicas == null ? 1 : spec.autoscaling.minReplicas;
    if (instance == plan.previousProduction()) {
      return min;
    }
    return Math.max(min, observed.get(plan.previousProduction()).replicas());
  }
}
