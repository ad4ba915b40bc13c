package io.webgarden.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.operator.api.AppSpec;
import io.webgarden.operator.api.Autoscaling;
import io.webgarden.operator.model.SlotPlanner.Wanted;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A swap under autoscaling: the instance that becomes production must have at least the pods
 * production has now (the HPA's count) before the selectors flip, and keep them until the HPA,
 * retargeted, decides for itself.
 */
class AutoscaledSwapTest {
  /** Production content under an HPA has no replica count of its own. */
  private static final SlotContent V1 = new SlotContent(Apps.image("shop:1"), List.of(), null);

  private static final SlotContent V2 = new SlotContent(Apps.image("shop:2"), List.of(), null);
  private static final SlotContent V2_STAGING = new SlotContent(Apps.image("shop:2"), List.of(), 1);
  private static final SlotContent V1_STAGING = new SlotContent(Apps.image("shop:1"), List.of(), 1);

  private static AppSpec spec(int min) {
    AppSpec spec = new AppSpec();
    spec.autoscaling = new Autoscaling();
    spec.autoscaling.minReplicas = min;
    spec.autoscaling.maxReplicas = 10;
    return spec;
  }

  private static ObservedInstance running(String revision, SlotContent content, int replicas) {
    return new ObservedInstance(true, revision, content.sourceHash(), true, replicas, replicas);
  }

  /** The user exchanged the sources: production wants V2, which b runs (with 1 pod). */
  private static final Wanted EXCHANGED =
      new Wanted(V2, "r2", Optional.of(V1_STAGING), "r1-staging");

  @Test
  void theIncomingInstanceIsScaledToProductionsPodsBeforeTheFlip() {
    Map<Instance, ObservedInstance> observed =
        Map.of(Instance.a, running("r1", V1, 6), Instance.b, running("r2", V2_STAGING, 1));
    SlotPlan plan = SlotPlanner.plan(EXCHANGED, Instance.a, observed, false, null);

    assertThat(plan.swapPending()).as("b is Ready but has 1 pod, production has 6").isTrue();
    assertThat(plan.production()).isEqualTo(Instance.a);
    assertThat(Replicas.autoscaledFloor(spec(3), plan, Instance.b, observed))
        .as("b must get production's 6 pods, not staging's 1 or the HPA's minimum 3")
        .isEqualTo(6);
    assertThat(Replicas.autoscaledFloor(spec(3), plan, Instance.a, observed))
        .as("production itself: the HPA decides, from its minimum")
        .isEqualTo(3);
  }

  @Test
  void theFlipWaitsForThosePodsAndTheFloorHoldsThroughIt() {
    Map<Instance, ObservedInstance> scaled =
        Map.of(Instance.a, running("r1", V1, 6), Instance.b, running("r2", V2, 6));
    SlotPlan flip = SlotPlanner.plan(EXCHANGED, Instance.a, scaled, false, null);

    assertThat(flip.swapped()).isTrue();
    assertThat(flip.production()).isEqualTo(Instance.b);
    assertThat(Replicas.autoscaledFloor(spec(3), flip, Instance.b, scaled)).isEqualTo(6);

    // Next reconcile: the Service selects b and the HPA targets it; it owns the count again.
    SlotPlan after = SlotPlanner.plan(EXCHANGED, Instance.b, scaled, false, null);
    assertThat(Replicas.autoscaledFloor(spec(3), after, Instance.b, scaled)).isEqualTo(3);
  }

  @Test
  void withFixedReplicasTheFlipDoesNotWaitForACount() {
    SlotContent fixed = new SlotContent(Apps.image("shop:2"), List.of(), 2);
    Wanted wanted = new Wanted(fixed, "r2", Optional.of(V1_STAGING), "r1-staging");
    Map<Instance, ObservedInstance> observed =
        Map.of(Instance.a, running("r1", V1_STAGING, 2), Instance.b, running("r2", fixed, 2));

    assertThat(SlotPlanner.plan(wanted, Instance.a, observed, false, null).swapped()).isTrue();
  }
}
