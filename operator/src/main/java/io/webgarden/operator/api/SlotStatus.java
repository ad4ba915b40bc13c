package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One slot as observed: which instance serves it and how far it has rolled out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SlotStatus {
  @JsonPropertyDescription("The physical instance, a or b (Deployment <app>-a or <app>-b).")
  public String instance;

  @JsonPropertyDescription("Short hash of the pod template the slot should run.")
  public String revision;

  @JsonPropertyDescription("Short hash of the slot's source.")
  public String source;

  @JsonPropertyDescription("Pods the slot should have.")
  public Integer replicas;

  @JsonPropertyDescription("Pods that are ready and run the slot's revision.")
  public Integer readyReplicas;

  @JsonPropertyDescription("readyReplicas/replicas, for the printer column.")
  public String ready;

  @Override
  public boolean equals(Object o) {
    return o instanceof SlotStatus s
        && Objects.equals(instance, s.instance)
        && Objects.equals(revision, s.revision)
        && Objects.equals(source, s.source)
        && Objects.equals(replicas, s.replicas)
        && Objects.equals(readyReplicas, s.readyReplicas)
        && Objects.equals(ready, s.ready);
  }

  @Override
  public int hashCode() {
    return Objects.hash(instance, revision, source, replicas, readyReplicas);
  }
}
