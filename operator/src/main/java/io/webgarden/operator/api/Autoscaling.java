package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Bounds and target of the production slot's HorizontalPodAutoscaler. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
    message = "autoscaling.minReplicas must not exceed autoscaling.maxReplicas")
public class Autoscaling {
  @Min(1)
  @JsonPropertyDescription("Fewest pods. Default: 1.")
  public Integer minReplicas;

  @Required
  @Min(1)
  @JsonPropertyDescription("Most pods.")
  public Integer maxReplicas;

  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Average CPU utilisation to aim for, in percent. Default: 80.")
  public Integer targetCPUUtilizationPercentage;
}
