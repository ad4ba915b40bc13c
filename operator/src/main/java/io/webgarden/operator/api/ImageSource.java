package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Site code baked into an image; the image needs {@code sh} and {@code cp}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageSource {
  @Required
  @JsonPropertyDescription("Image reference holding the site code.")
  public String ref;

  @Default("/app")
  @Pattern("^/.*")
  @JsonPropertyDescription("Absolute folder in the image that holds the site. Default: /app.")
  public String path;
}
