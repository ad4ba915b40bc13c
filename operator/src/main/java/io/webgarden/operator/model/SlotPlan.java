package io.webgarden.operator.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of matching desired slots to instances for one reconcile.
 *
 * @param production the instance the {@code <app>} Service selects after this reconcile
 * @param staging the instance the {@code <app>-staging} Service selects, or null
 * @param previousProduction the instance production was on before; differs on a swap
 * @param swapPending production's desired content is being prepared on the staging instance and the
 *     selectors flip once it is rolled out and Ready
 * @param autoSwapDue autoSwap asks to exchange the slots' sources now
 * @param queued instances held on what they run because the rollout limit is reached
 */
public record SlotPlan(
    Instance production,
    Instance staging,
    Instance previousProduction,
    Map<Instance, Desire> desires,
    boolean swapPending,
    boolean autoSwapDue,
    Set<Instance> queued) {

  public SlotPlan {
    desires = new EnumMap<>(desires);
    queued = queued.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(queued));
  }

  SlotPlan(
      Instance production,
      Instance staging,
      Instance previousProduction,
      Map<Instance, Desire> desires,
      boolean swapPending,
      boolean autoSwapDue) {
    this(production, staging, previousProduction, desires, swapPending, autoSwapDue, Set.of());
  }

  /** This plan with {@code instance} held on what it runs: its rollout waits for the limit. */
  public SlotPlan queue(Instance instance) {
    Map<Instance, Desire> held = new EnumMap<>(desires);
    held.put(instance, Desire.HOLD);
    Set<Instance> waiting = EnumSet.noneOf(Instance.class);
    waiting.addAll(queued);
    waiting.add(instance);
    return new SlotPlan(
        production, staging, previousProduction, held, swapPending, autoSwapDue, waiting);
  }

  public boolean swapped() {
    return production != previousProduction;
  }

  public Desire desire(Instance instance) {
    return desires.get(instance);
  }

  /** What an instance's Deployment should be. */
  public record Desire(Kind kind, SlotContent content) {
    public static final Desire ABSENT = new Desire(Kind.ABSENT, null);
    public static final Desire HOLD = new Desire(Kind.HOLD, null);

    public static Desire run(SlotContent content) {
      return new Desire(Kind.RUN, content);
    }
  }

  /** RUN content; HOLD what it runs now (it serves production until the flip); ABSENT delete. */
  public enum Kind {
    RUN,
    HOLD,
    ABSENT
  }
}
