package io.webgarden.operator.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.webgarden.operator.api.AppStatus;
import io.webgarden.operator.api.SlotStatus;
import io.webgarden.operator.api.SwapRecord;
import io.webgarden.operator.model.SlotPlanner.Wanted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Computes the next {@code status} from the previous one and what this reconcile saw. */
public final class StatusModel {
  static final int SWAP_HISTORY = 10;

  private StatusModel() {}

  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String RECONCILE_ERROR = "ReconcileError";

  /**
   * The App cannot be reconciled ({@link #INVALID_SPEC}, {@link #RECONCILE_ERROR}): say why and
   * keep the slots as last seen, since nothing was touched.
   */
  public static AppStatus degraded(
      AppStatus previous, long generation, String reason, String message, Instant now) {
    AppStatus next = copy(previous);
    next.observedGeneration = generation;
    next.conditions =
        Conditions.merge(
            previous.conditions,
            List.of(
                Conditions.of(Conditions.READY, false, reason, message),
                Conditions.of(Conditions.PROGRESSING, false, reason, "waiting for a fix"),
                Conditions.of(Conditions.DEGRADED, true, reason, message)),
            generation,
            now);
    return next;
  }

  /**
   * A reconcile that applied {@code plan}.
   *
   * @param lastSwap the swap the production Service records (this reconcile's own when it flips the
   *     selectors); recorded in status when status does not have it yet
   */
  public static AppStatus reconciled(
      AppStatus previous,
      long generation,
      Wanted wanted,
      SlotPlan plan,
      Map<Instance, ObservedInstance> observed,
      SwapRecord lastSwap,
      Instant now) {
    AppStatus next = copy(previous);
    next.observedGeneration = generation;
    ObservedInstance prod = observed.get(plan.production());
    next.production =
        slot(plan.production(), wanted.productionRevision(), wanted.production(), prod);
    boolean productionReady =
        plan.swapPending()
            ? prod.readyWith(wanted.productionRevision()) // held as it is until the flip
            : settled(prod, wanted.productionRevision(), wanted.production());
    boolean stagingReady = true;
    if (plan.staging() != null && wanted.staging().isPresent()) {
      ObservedInstance stage = observed.get(plan.staging());
      String stagingRevision =
          plan.swapPending() ? wanted.productionRevision() : wanted.stagingRevision();
      next.staging = slot(plan.staging(), stagingRevision, wanted.staging().get(), stage);
      stagingReady =
          plan.swapPending()
              ? stage.readyWith(stagingRevision)
              : settled(stage, stagingRevision, wanted.staging().get());
    } else {
      next.staging = null;
    }
    if (lastSwap != null && !lastSwap.equals(previous.lastSwap)) {
      recordSwap(next, lastSwap);
    }
    next.conditions =
        Conditions.merge(
            previous.conditions,
            conditions(
                plan, productionReady, stagingReady, productionReady && prod.replicas() == 0),
            generation,
            now);
    return next;
  }

  private static List<Condition> conditions(
      SlotPlan plan, boolean productionReady, boolean stagingReady, boolean scaledToZero) {
    List<Condition> conditions = new ArrayList<>();
    if (!plan.queued().isEmpty() && !(productionReady && stagingReady)) {
      String message =
          "rollout of instance "
              + plan.queued().stream().map(Instance::name).collect(Collectors.joining(" and "))
              + " waits for the operator's rollout limit"
              + " (--rollouts-per-minute)";
      conditions.add(Conditions.of(Conditions.READY, productionReady, "RolloutQueued", message));
      conditions.add(Conditions.of(Conditions.PROGRESSING, true, "RolloutQueued", message));
    } else if (plan.swapPending()) {
      String message =
          "swap refused until instance "
              + plan.staging()
              + " (staging) runs production's"
              + " revision and is Ready";
      conditions.add(Conditions.of(Conditions.READY, productionReady, "SwapPending", message));
      conditions.add(Conditions.of(Conditions.PROGRESSING, true, "SwapPending", message));
    } else if (productionReady && stagingReady) {
      // Nothing serves at zero, but nothing is pending either: a steady state for GitOps tools.
      conditions.add(
          scaledToZero
              ? Conditions.of(
                  Conditions.READY,
                  true,
                  "ScaledToZero",
                  "production is scaled to 0 replicas: the <app> Service has no endpoints")
              : Conditions.of(Conditions.READY, true, "Available", "all slots are Ready"));
      conditions.add(
          Conditions.of(Conditions.PROGRESSING, false, "Complete", "all slots are rolled out"));
    } else {
      String which = productionReady ? "staging" : "production";
      String message = which + " is rolling out";
      conditions.add(Conditions.of(Conditions.READY, productionReady, "RollingOut", message));
      conditions.add(Conditions.of(Conditions.PROGRESSING, true, "RollingOut", message));
    }
    conditions.add(Conditions.of(Conditions.DEGRADED, false, "AsExpected", "spec is valid"));
    return conditions;
  }

  /**
   * Rolled out at {@code revision} with the replica count the spec asks for (an HPA's count when
   * the spec leaves it open). The observation can predate this reconcile's apply: a Deployment
   * still at its old count is not settled, or a scale would report Ready at the new generation.
   */
  private static boolean settled(ObservedInstance observed, String revision, SlotContent content) {
    return observed.readyWith(revision)
        && (content.replicas() == null || observed.replicas() == content.replicas());
  }

  private static SlotStatus slot(
      Instance instance, String revision, SlotContent content, ObservedInstance observed) {
    SlotStatus slot = new SlotStatus();
    slot.instance = instance.name();
    slot.revision = revision;
    slot.source = content.sourceHash();
    slot.replicas = content.replicas() != null ? content.replicas() : observed.replicas();
    slot.readyReplicas = revision.equals(observed.revision()) ? observed.readyReplicas() : 0;
    slot.ready = slot.readyReplicas + "/" + slot.replicas;
    return slot;
  }

  /** The record of the swap {@code plan} makes (it flips the selectors) at {@code now}. */
  public static SwapRecord swap(SlotPlan plan, Wanted wanted, Instant now) {
    SwapRecord swap = new SwapRecord();
    swap.time = now.toString();
    swap.from = plan.previousProduction().name();
    swap.to = plan.production().name();
    swap.productionRevision = wanted.productionRevision();
    swap.stagingRevision = wanted.stagingRevision();
    swap.stagingSource = wanted.staging().map(SlotContent::sourceHash).orElse(null);
    return swap;
  }

  private static void recordSwap(AppStatus next, SwapRecord swap) {
    next.lastSwap = swap;
    List<SwapRecord> history = new ArrayList<>();
    history.add(swap);
    if (next.swapHistory != null) {
      history.addAll(next.swapHistory);
    }
    next.swapHistory = new ArrayList<>(history.subList(0, Math.min(SWAP_HISTORY, history.size())));
  }

  private static AppStatus copy(AppStatus previous) {
    AppStatus next = new AppStatus();
    next.observedGeneration = previous.observedGeneration;
    next.conditions = previous.conditions;
    next.production = previous.production;
    next.staging = previous.staging;
    next.lastSwap = previous.lastSwap;
    next.swapHistory = previous.swapHistory;
    return next;
  }
}
