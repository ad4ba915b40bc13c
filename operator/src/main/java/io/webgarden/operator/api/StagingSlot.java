package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;

/** What the staging slot runs; everything else is shared with production. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StagingSlot {
  @Required
  @JsonPropertyDescription("Where the staging slot's site code comes from.")
  public Source source;

  @JsonPropertyDescription("Environment variables of the staging slot; slot-sticky.")
  public List<EnvVar> appSettings;

  @Min(0)
  @JsonPropertyDescription("Pods of the staging slot. Default: 1.")
  public Integer replicas;
}
