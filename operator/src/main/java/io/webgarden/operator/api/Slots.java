package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The optional staging slot and the auto-swap switch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Slots {
  @JsonPropertyDescription(
      "A second instance of the App that the <app>-staging Service selects. Exchanging"
          + " spec.source and spec.slots.staging.source swaps the slots without restarting pods.")
  public StagingSlot staging;

  @JsonPropertyDescription(
      "Swap staging into production as soon as a new staging source is rolled out and Ready."
          + " Default: false.")
  public Boolean autoSwap;
}
