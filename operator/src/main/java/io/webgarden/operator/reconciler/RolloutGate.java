package io.webgarden.operator.reconciler;

import io.webgarden.operator.model.Instance;
import io.webgarden.operator.model.ObservedInstance;
import io.webgarden.operator.model.SlotPlan;
import io.webgarden.operator.model.SlotPlanner;
import io.webgarden.operator.model.SlotPlanner.Wanted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code perMinute} rollouts (pod-template changes of an existing Deployment) over all Apps
 * in any minute, so an operator upgrade that changes every template does not restart every App at
 * once. A sliding window rather than JOSDK's LinearRateLimiter: that one is per resource, reads the
 * wall clock, and answers the time since its window opened instead of the time left.
 */
final class RolloutGate {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final int perMinute;
  private final Clock clock;
  private final Deque<Instant> admitted = new ArrayDeque<>();

  /**
   * @param perMinute rollouts a minute; 0 means unlimited
   */
  RolloutGate(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Takes one rollout, or says how long until one is free. */
  synchronized Optional<Duration> admit() {
    if (perMinute <= 0) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    while (!admitted.isEmpty() && !admitted.peekFirst().plus(WINDOW).isAfter(now)) {
      admitted.removeFirst();
    }
    if (admitted.size() < perMinute) {
      admitted.addLast(now);
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, admitted.peekFirst().plus(WINDOW)));
  }

  /** The plan with every rollout the limit refuses held; {@code retry} when one was. */
  Limited limit(SlotPlan plan, Wanted wanted, Map<Instance, ObservedInstance> observed) {
    SlotPlan limited = plan;
    Duration retry = null;
    for (Instance instance : SlotPlanner.rollouts(plan, wanted, observed)) {
      Optional<Duration> wait = admit();
      if (wait.isPresent()) {
        limited = limited.queue(instance);
        retry = retry == null || wait.get().compareTo(retry) < 0 ? wait.get() : retry;
      }
    }
    return new Limited(limited, Optional.ofNullable(retry));
  }

  record Limited(SlotPlan plan, Optional<Duration> retry) {}
}
