package io.webgarden.operator.model;

import io.webgarden.operator.api.App;
import io.webgarden.operator.model.SlotPlan.Desire;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Matches the desired slots to the two instances so that as little as possible restarts.
 *
 * <p>Production stays where it is unless the staging instance already runs production's desired
 * source: then that instance is prepared with production's content (a no-op when the slots' sticky
 * settings agree) and, once it is rolled out and Ready, the Services flip. Until then the current
 * production instance is held exactly as it is, so users never see a half-done swap.
 */
public final class SlotPlanner {
  private SlotPlanner() {}

  /**
   * @param wanted desired slot contents with their revisions
   * @param current the instance the production Service selects now
   * @param observed what each instance's Deployment runs
   * @param autoSwap whether spec.slots.autoSwap is on
   * @param swappedOutSource source hash the last swap moved to staging (never auto-swapped back)
   */
  public static SlotPlan plan(
      Wanted wanted,
      Instance current,
      Map<Instance, ObservedInstance> observed,
      boolean autoSwap,
      String swappedOutSource) {
    Instance other = current.other();
    Map<Instance, Desire> desires = new EnumMap<>(Instance.class);
    if (wanted.staging().isEmpty()) {
      desires.put(current, Desire.run(wanted.production()));
      desires.put(other, Desire.ABSENT);
      return new SlotPlan(current, null, current, desires, false, false);
    }
    SlotContent staging = wanted.staging().get();
    ObservedInstance prod = observed.get(current);
    ObservedInstance stage = observed.get(other);
    String productionSource = wanted.production().sourceHash();
    boolean stagingHoldsProductionSource =
        stage.exists()
            && Objects.equals(stage.source(), productionSource)
            && !Objects.equals(prod.source(), productionSource);
    if (!stagingHoldsProductionSource) {
      desires.put(current, Desire.run(wanted.production()));
      desires.put(other, Desire.run(staging));
      boolean autoSwapDue =
          autoSwap
              && stage.readyWith(wanted.stagingRevision())
              // At zero replicas no pod ever answered: nothing proves the source works.
              && stage.replicas() > 0
              && !Objects.equals(staging.sourceHash(), productionSource)
              && !Objects.equals(staging.sourceHash(), swappedOutSource);
      return new SlotPlan(current, other, current, desires, false, autoSwapDue);
    }
    desires.put(other, Desire.run(wanted.production()));
    // Under autoscaling production has what the HPA gave it; the flip waits until the incoming
    // instance has as many (Replicas.autoscaledFloor scales it up).
    boolean enoughPods =
        wanted.production().replicas() != null || stage.replicas() >= prod.replicas();
    if (stage.readyWith(wanted.productionRevision()) && enoughPods) {
      desires.put(current, Desire.run(staging));
      return new SlotPlan(other, current, current, desires, false, false);
    }
    // Hold production as it is until the flip; if it vanished, there is nothing to hold.
    desires.put(current, prod.exists() ? Desire.HOLD : Desire.run(wanted.production()));
    return new SlotPlan(current, other, current, desires, true, false);
  }

  /**
   * The instances whose existing Deployment the plan gives a new pod template: each starts a
   * rolling update of its pods. Creating a Deployment or holding one rolls nothing.
   */
  public static Set<Instance> rollouts(
      SlotPlan plan, Wanted wanted, Map<Instance, ObservedInstance> observed) {
    Set<Instance> rolling = EnumSet.noneOf(Instance.class);
    for (Instance instance : Instance.values()) {
      Desire desire = plan.desire(instance);
      ObservedInstance now = observed.get(instance);
      if (desire.kind() == SlotPlan.Kind.RUN
          && now.exists()
          && !Objects.equals(now.revision(), wanted.revisionOf(desire.content()))) {
        rolling.add(instance);
      }
    }
    return rolling;
  }

  /** Desired slot contents with the revisions they would run. */
  public record Wanted(
      SlotContent production,
      String productionRevision,
      Optional<SlotContent> staging,
      String stagingRevision) {

    /** The revision of one of the two wanted contents. */
    public String revisionOf(SlotContent content) {
      return content.equals(production) ? productionRevision : stagingRevision;
    }

    public static Wanted of(App app, OperatorDefaults defaults) {
      SlotContent production = SlotContent.production(app.getSpec());
      Optional<SlotContent> staging = SlotContent.staging(app.getSpec());
      return new Wanted(
          production,
          Workloads.revision(app, production, defaults),
          staging,
          staging.map(s -> Workloads.revision(app, s, defaults)).orElse(null));
    }
  }
}
