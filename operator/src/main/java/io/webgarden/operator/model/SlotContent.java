package io.webgarden.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.webgarden.operator.api.AppSpec;
import io.webgarden.operator.api.Source;
import io.webgarden.operator.api.StagingSlot;
import java.util.List;
import java.util.Optional;

/**
 * What one slot runs: the slot-specific part of the spec. Everything else (entry point, runtime,
 * hosting, resources, web.config) is shared by both slots, which is what makes a swap by exchanging
 * sources restart nothing.
 *
 * @param replicas pods wanted, or null when an HPA decides
 */
public record SlotContent(Source source, List<EnvVar> appSettings, Integer replicas) {

  public static SlotContent production(AppSpec spec) {
    Integer replicas = spec.autoscaling != null ? null : spec.replicas == null ? 1 : spec.replicas;
    return new SlotContent(spec.source, listOrEmpty(spec.appSettings), replicas);
  }

  public static Optional<SlotContent> staging(AppSpec spec) {
    if (spec.slots == null || spec.slots.staging == null) {
      return Optional.empty();
    }
    StagingSlot staging = spec.slots.staging;
    int replicas = staging.replicas == null ? 1 : staging.replicas;
    return Optional.of(new SlotContent(staging.source, listOrEmpty(staging.appSettings), replicas));
  }

  public String sourceHash() {
    return Hashes.of(source);
  }

  private static List<EnvVar> listOrEmpty(List<EnvVar> list) {
    return list == null ? List.of() : list;
  }
}
