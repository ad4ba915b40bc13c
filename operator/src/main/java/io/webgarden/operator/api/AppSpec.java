package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** What the user asks for: one site, its hosting settings and its slots. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.replicas) && has(self.autoscaling))",
    message = "set either replicas or autoscaling, not both")
public class AppSpec {
  @Required
  @Pattern("^[^/][^\\\\]*$")
  @JsonPropertyDescription(
      "The node application file relative to the site root (e.g. server.js), registered as the"
          + " iisnode handler.")
  public String entryPoint;

  @Required
  @JsonPropertyDescription("Where the production slot's site code comes from.")
  public Source source;

  @JsonPropertyDescription(
      "The host container; its image defaults to the operator's configuration.")
  public Runtime runtime;

  @Min(0)
  @JsonPropertyDescription(
      "Pods of the production slot when autoscaling is not set. Default: 1. A PodDisruptionBudget"
          + " is created above 1.")
  public Integer replicas;

  @JsonPropertyDescription(
      "Scale the production slot with an autoscaling/v2 HorizontalPodAutoscaler.")
  public Autoscaling autoscaling;

  @JsonPropertyDescription("CPU and memory of the host container.")
  public ResourceRequirements resources;

  @JsonPropertyDescription(
      "Sidecar settings by their iisnode names. Only the fields set here are written to the"
          + " settings file, which overrides the site's web.config and iisnode.yml; unset fields"
          + " keep the site's own value or the default named in each description.")
  public Hosting hosting;

  @JsonPropertyDescription(
      "Environment variables of the production slot (values or valueFrom secrets), as in Azure's"
          + " app settings. They are slot-sticky: a swap does not move them.")
  public List<EnvVar> appSettings;

  @JsonPropertyDescription(
      "Raw web.config placed at the site root (rewrite rules, default documents,"
          + " applicationInitialization). Not supported with a git source.")
  public String webConfig;

  @JsonPropertyDescription("Deployment slots; without a staging slot the App runs one Deployment.")
  public Slots slots;
}
