package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The host container: its image (a JRE, Node.js and the sidecar jar) and how it stops. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Runtime {
  @JsonPropertyDescription(
      "Host image (JRE, Node.js, /opt/webgarden/webgarden-sidecar.jar). Default: the operator's"
          + " configured runtime image.")
  public String image;

  @Min(0)
  @Max(300)
  @JsonPropertyDescription(
      "Seconds a stopping pod keeps serving before the sidecar is told to stop (a preStop sleep),"
          + " so Services and ingress controllers have dropped it from their endpoints first."
          + " Every pod stop, rollout step and node drain takes this much longer; it is added to"
          + " terminationGracePeriodSeconds. 0 turns it off. Default: 5.")
  public Integer preStopDelaySeconds;
}
