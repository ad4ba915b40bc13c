package io.webgarden.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.operator.model.SlotPlan.Desire;
import io.webgarden.operator.model.SlotPlan.Kind;
import io.webgarden.operator.model.SlotPlanner.Wanted;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlotPlannerTest {
  private static final SlotContent V1 = new SlotContent(Apps.image("shop:1"), List.of(), 2);
  private static final SlotContent V2 = new SlotContent(Apps.image("shop:2"), List.of(), 1);
  private static final SlotContent V3 = new SlotContent(Apps.image("shop:3"), List.of(), 1);

  private static Wanted wanted(SlotContent production, SlotContent staging) {
    return new Wanted(
        production,
        "rev-" + production.sourceHash(),
        Optional.ofNullable(staging),
        staging == null ? null : "rev-" + staging.sourceHash());
  }

  private static ObservedInstance running(SlotContent content, boolean ready) {
    return new ObservedInstance(
        true, "rev-" + content.sourceHash(), content.sourceHash(), ready, 1, ready ? 1 : 0);
  }

  private static Map<Instance, ObservedInstance> observed(ObservedInstance a, ObservedInstance b) {
    return Map.of(Instance.a, a, Instance.b, b);
  }

  @Test
  void withoutStagingOneInstanceRunsAndTheOtherGoes() {
    SlotPlan plan =
        SlotPlanner.plan(
            wanted(V1, null),
            Instance.b,
            observed(ObservedInstance.ABSENT, ObservedInstance.ABSENT),
            false,
            null);

    assertThat(plan.production()).isEqualTo(Instance.b);
    assertThat(plan.staging()).isNull();
    assertThat(plan.desire(Instance.b)).isEqualTo(Desire.run(V1));
    assertThat(plan.desire(Instance.a).kind()).isEqualTo(Kind.ABSENT);
    assertThat(plan.swapped()).isFalse();
  }

  @Test
  void newAppPutsProductionOnAAndStagingOnB() {
    SlotPlan plan =
        SlotPlanner.plan(
            wanted(V1, V2),
            Instance.a,
            observed(ObservedInstance.ABSENT, ObservedInstance.ABSENT),
            false,
            null);

    assertThat(plan.desire(Instance.a)).isEqualTo(Desire.run(V1));
    assertThat(plan.desire(Instance.b)).isEqualTo(Desire.run(V2));
    assertThat(plan.swapPending()).isFalse();
  }

  @Test
  void exchangedSourcesFlipTheServicesWhenStagingIsReady() {
    // a runs V1 in production, b runs V2 in staging; the user exchanges the two sources.
    SlotPlan plan =
        SlotPlanner.plan(
            wanted(V2, V1),
            Instance.a,
            observed(running(V1, true), running(V2, true)),
            false,
            null);

    assertThat(plan.production()).isEqualTo(Instance.b);
    assertThat(plan.staging()).isEqualTo(Instance.a);
    assertThat(plan.swapped()).isTrue();
    // Both instances keep what they run: no pod restarts.
    assertThat(plan.desire(Instance.b)).isEqualTo(Desire.run(V2));
    assertThat(plan.desire(Instance.a)).isEqualTo(Desire.run(V1));
  }

  @Test
  void swapWaitsWhileStagingIsNotReadyAndProductionIsHeld() {
    SlotPlan plan =
        SlotPlanner.plan(
            wanted(V2, V1),
            Instance.a,
            observed(running(V1, true), running(V2, false)),
            false,
            null);

    assertThat(plan.production()).isEqualTo(Instance.a);
    assertThat(plan.swapped()).isFalse();
    assertThat(plan.swapPending()).isTrue();
    assertThat(plan.desire(Instance.a)).isEqualTo(Desire.HOLD);
    assertThat(plan.desire(Instance.b)).isEqualTo(Desire.run(V2));
  }

  @Test
  void aNewProductionSourceNobodyRunsRollsProductionInPlace() {
    SlotPlan plan =
        SlotPlanner.plan(
            wanted(V3, V2),
            Instance.a,
            observed(running(V1, true), running(V2, true)),
            false,
            null);

    assertThat(plan.production()).isEqualTo(Instance.a);
    assertThat(plan.desire(Instance.a)).isEqualTo(Desire.run(V3));
    assertThat(plan.swapPending()).isFalse();
  }

  @Test
  void autoSwapIsDueOnceANewStagingSourceIsReady() {
    Map<Instance, ObservedInstance> obs = observed(running(V1, true), running(V2, true));
    assertThat(SlotPlanner.plan(wanted(V1, V2), Instance.a, obs, true, null).autoSwapDue())
        .isTrue();
    assertThat(SlotPlanner.plan(wanted(V1, V2), Instance.a, obs, false, null).autoSwapDue())
        .as("autoSwap off")
        .isFalse();
    assertThat(
            SlotPlanner.plan(
                    wanted(V1, V2),
                    Instance.a,
                    observed(running(V1, true), running(V2, false)),
                    true,
                    null)
                .autoSwapDue())
        .as("staging not ready")
        .isFalse();
  }

  @Test
  void autoSwapNeverSwapsBackWhatTheLastSwapMovedOut() {
    SlotPlan plan =
        SlotPlanner.plan(
            wanted(V2, V1),
            Instance.b,
            observed(running(V1, true), running(V2, true)),
            true,
            V1.sourceHash());

    assertThat(plan.autoSwapDue()).isFalse();
  }
}
