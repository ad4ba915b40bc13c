package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A git repository kept in sync by git-sync. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitSource {
  @Required
  @JsonPropertyDescription("Repository URL.")
  public String repository;

  @JsonPropertyDescription("Branch, tag or commit to check out. Default: HEAD.")
  public String ref;

  @Min(1)
  @JsonPropertyDescription("Seconds between syncs. Default: 60.")
  public Integer periodSeconds;
}
