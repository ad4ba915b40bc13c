package io.webgarden.operator.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The three conditions kstatus, Argo CD and Flux read. A condition keeps its lastTransitionTime
 * until its status flips, so an unchanged App compares equal and no status write happens.
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  private Conditions() {}

  public static Condition of(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  /**
   * {@code next} with each lastTransitionTime carried over from {@code previous} when unflipped.
   */
  public static List<Condition> merge(
      List<Condition> previous, List<Condition> next, long generation, Instant now) {
    List<Condition> merged = new ArrayList<>();
    for (Condition condition : next) {
      Condition old = find(previous, condition.getType());
      String since =
          old != null && old.getStatus().equals(condition.getStatus())
              ? old.getLastTransitionTime()
              : now.toString();
      merged.add(
          new ConditionBuilder(condition)
              .withLastTransitionTime(since)
              .withObservedGeneration(generation)
              .build());
    }
    return merged;
  }

  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
