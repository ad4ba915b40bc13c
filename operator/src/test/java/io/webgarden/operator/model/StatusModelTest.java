package io.webgarden.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.operator.api.AppStatus;
import io.webgarden.operator.api.SwapRecord;
import io.webgarden.operator.model.SlotPlanner.Wanted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusModelTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");
  private static final SlotContent V1 = new SlotContent(Apps.image("shop:1"), List.of(), 1);
  private static final SlotContent V2 = new SlotContent(Apps.image("shop:2"), List.of(), 1);
  private static final Wanted WANTED = new Wanted(V1, "r1", Optional.of(V2), "r2");

  private static ObservedInstance obs(String revision, SlotContent content, boolean ready) {
    return new ObservedInstance(true, revision, content.sourceHash(), ready, 1, ready ? 1 : 0);
  }

  private static AppStatus reconcile(AppStatus previous, boolean ready, Instant now) {
    Map<Instance, ObservedInstance> observed =
        Map.of(Instance.a, obs("r1", V1, ready), Instance.b, obs("r2", V2, ready));
    SlotPlan plan = SlotPlanner.plan(WANTED, Instance.a, observed, false, null);
    return StatusModel.reconciled(previous, 3, WANTED, plan, observed, null, now);
  }

  @Test
  void readyAppReportsSlotsAndConditions() {
    AppStatus status = reconcile(new AppStatus(), true, T0);

    assertThat(status.observedGeneration).isEqualTo(3);
    assertThat(status.production.instance).isEqualTo("a");
    assertThat(status.production.ready).isEqualTo("1/1");
    assertThat(status.staging.revision).isEqualTo("r2");
    assertThat(Conditions.find(status.conditions, "Ready").getStatus()).isEqualTo("True");
    assertThat(Conditions.find(status.conditions, "Progressing").getStatus()).isEqualTo("False");
    assertThat(Conditions.find(status.conditions, "Degraded").getStatus()).isEqualTo("False");
  }

  @Test
  void aScaleTheDeploymentHasNotSeenYetIsNotReady() {
    // The cache still holds the Deployment at 1 replica, rolled out, when the spec asks for 3.
    SlotContent three = new SlotContent(Apps.image("shop:1"), List.of(), 3);
    Wanted wanted = new Wanted(three, "r1", Optional.empty(), null);
    Map<Instance, ObservedInstance> observed = Map.of(Instance.a, obs("r1", V1, true));
    SlotPlan plan = SlotPlanner.plan(wanted, Instance.a, observed, false, null);
    AppStatus status = StatusModel.reconciled(new AppStatus(), 4, wanted, plan, observed, null, T0);

    assertThat(status.production.ready).isEqualTo("1/3");
    assertThat(Conditions.find(status.conditions, "Ready").getStatus()).isEqualTo("False");
    assertThat(Conditions.find(status.conditions, "Progressing").getStatus()).isEqualTo("True");
  }

  @Test
  void unchangedObservationsGiveAnEqualStatusSoNothingIsWritten() {
    AppStatus first = reconcile(new AppStatus(), true, T0);
    AppStatus second = reconcile(first, true, T1);

    assertThat(second).isEqualTo(first);
    assertThat(Conditions.find(second.conditions, "Ready").getLastTransitionTime())
        .isEqualTo(T0.toString());
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenStatusFlips() {
    AppStatus first = reconcile(new AppStatus(), false, T0);
    AppStatus second = reconcile(first, true, T1);

    assertThat(Conditions.find(second.conditions, "Ready").getLastTransitionTime())
        .isEqualTo(T1.toString());
    assertThat(Conditions.find(second.conditions, "Degraded").getLastTransitionTime())
        .isEqualTo(T0.toString());
  }

  @Test
  void invalidSpecIsDegradedAndKeepsTheSlots() {
    AppStatus ok = reconcile(new AppStatus(), true, T0);
    AppStatus bad = StatusModel.degraded(ok, 4, "InvalidSpec", "one; two", T1);

    assertThat(bad.production).isEqualTo(ok.production);
    assertThat(bad.observedGeneration).isEqualTo(4);
    assertThat(Conditions.find(bad.conditions, "Degraded").getMessage()).isEqualTo("one; two");
    assertThat(Conditions.find(bad.conditions, "Degraded").getReason()).isEqualTo("InvalidSpec");
  }

  @Test
  void swapsAreRecordedNewestFirstAndBounded() {
    Wanted exchanged = new Wanted(V2, "r2", Optional.of(V1), "r1");
    Map<Instance, ObservedInstance> observed =
        Map.of(Instance.a, obs("r1", V1, true), Instance.b, obs("r2", V2, true));
    SlotPlan swap = SlotPlanner.plan(exchanged, Instance.a, observed, false, null);
    AppStatus status = new AppStatus();
    for (int i = 0; i < 12; i++) {
      status =
          StatusModel.reconciled(
              status,
              5,
              exchanged,
              swap,
              observed,
              StatusModel.swap(swap, exchanged, T1.plusSeconds(i)),
              T1.plusSeconds(i));
    }

    assertThat(status.lastSwap.from).isEqualTo("a");
    assertThat(status.lastSwap.to).isEqualTo("b");
    assertThat(status.lastSwap.productionRevision).isEqualTo("r2");
    assertThat(status.lastSwap.stagingSource).isEqualTo(V1.sourceHash());
    assertThat(status.swapHistory).hasSize(StatusModel.SWAP_HISTORY);
    assertThat(status.swapHistory.get(0)).isEqualTo(status.lastSwap);
  }

  @Test
  void pendingSwapIsReportedAsProgressing() {
    Wanted exchanged = new Wanted(V2, "r2", Optional.of(V1), "r1");
    Map<Instance, ObservedInstance> observed =
        Map.of(Instance.a, obs("r1", V1, true), Instance.b, obs("r2", V2, false));
    SlotPlan plan = SlotPlanner.plan(exchanged, Instance.a, observed, false, null);
    AppStatus status =
        StatusModel.reconciled(new AppStatus(), 5, exchanged, plan, observed, null, T0);

    assertThat(Conditions.find(status.conditions, "Progressing").getReason())
        .isEqualTo("SwapPending");
    assertThat(Conditions.find(status.conditions, "Progressing").getMessage())
        .contains("swap refused until instance b");
    assertThat(status.lastSwap).isNull();
  }

  @Test
  void aSwapTheServiceRecordsButStatusMissedIsRecordedOnce() {
    Wanted exchanged = new Wanted(V2, "r2", Optional.of(V1), "r1");
    Map<Instance, ObservedInstance> observed =
        Map.of(Instance.a, obs("r1", V1, true), Instance.b, obs("r2", V2, true));
    SwapRecord flip =
        StatusModel.swap(
            SlotPlanner.plan(exchanged, Instance.a, observed, false, null), exchanged, T0);
    // The next reconcile: the Service already selects b, status was never written.
    SlotPlan after = SlotPlanner.plan(exchanged, Instance.b, observed, false, null);
    assertThat(after.swapped()).isFalse();

    AppStatus first =
        StatusModel.reconciled(new AppStatus(), 5, exchanged, after, observed, flip, T1);
    AppStatus second = StatusModel.reconciled(first, 5, exchanged, after, observed, flip, T1);

    assertThat(first.lastSwap).isEqualTo(flip);
    assertThat(first.lastSwap.time).isEqualTo(T0.toString());
    assertThat(second).isEqualTo(first);
    assertThat(second.swapHistory).hasSize(1);
  }
}
