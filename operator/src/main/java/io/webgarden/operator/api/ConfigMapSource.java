package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A ConfigMap in the App's namespace whose keys are the site's files. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapSource {
  @Required
  @JsonPropertyDescription("Name of the ConfigMap; each key is one file at the site root.")
  public String name;
}
