package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed, in the shape kstatus, Argo CD and Flux read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Ready, Progressing and Degraded.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The instance the <app> Service selects.")
  public SlotStatus production;

  @JsonPropertyDescription("The instance the <app>-staging Service selects, if any.")
  public SlotStatus staging;

  @JsonPropertyDescription("The most recent swap.")
  public SwapRecord lastSwap;

  @JsonPropertyDescription("Recent swaps, newest first, at most ten.")
  public List<SwapRecord> swapHistory;

  @Override
  public boolean equals(Object o) {
    return o instanceof AppStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(production, s.production)
        && Objects.equals(staging, s.staging)
        && Objects.equals(lastSwap, s.lastSwap)
        && Objects.equals(swapHistory, s.swapHistory);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, production, staging, lastSwap);
  }
}
