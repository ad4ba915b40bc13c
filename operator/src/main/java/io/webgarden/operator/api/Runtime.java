package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The host container's image: a JRE, Node.js and the sidecar jar. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Runtime {
  @JsonPropertyDescription(
      "Host image (JRE, Node.js, /opt/webgarden/webgarden-sidecar.jar). Default: the operator's"
          + " configured runtime image.")
  public String image;
}
