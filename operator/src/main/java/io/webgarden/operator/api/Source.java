package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a slot's site code comes from: exactly one of the three. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "[has(self.image), has(self.configMap), has(self.git)].filter(x, x).size() == 1",
    message = "set exactly one of source.image, source.configMap, source.git")
public class Source {
  @JsonPropertyDescription(
      "Copy the code out of an image into the pod's site volume with an init container.")
  public ImageSource image;

  @JsonPropertyDescription(
      "Mount a ConfigMap as the site; updates reach running pods and the sidecar recycles"
          + " without a pod restart.")
  public ConfigMapSource configMap;

  @JsonPropertyDescription(
      "Keep the site current from a git repository with a git-sync container (no pod restart on"
          + " new commits).")
  public GitSource git;
}
