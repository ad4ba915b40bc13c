package io.webgarden.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One swap: the Services' selectors moved production from one instance to the other. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwapRecord {
  @JsonPropertyDescription("When the selectors flipped (RFC 3339).")
  public String time;

  @JsonPropertyDescription("The instance that was production before the swap.")
  public String from;

  @JsonPropertyDescription("The instance that is production after the swap.")
  public String to;

  @JsonPropertyDescription("Revision now in production.")
  public String productionRevision;

  @JsonPropertyDescription("Revision now in staging (the previous production).")
  public String stagingRevision;

  @JsonPropertyDescription(
      "Source hash that moved to staging; autoSwap does not swap it back into production.")
  public String stagingSource;

  @Override
  public boolean equals(Object o) {
    return o instanceof SwapRecord s
        && Objects.equals(time, s.time)
        && Objects.equals(from, s.from)
        && Objects.equals(to, s.to)
        && Objects.equals(productionRevision, s.productionRevision)
        && Objects.equals(stagingRevision, s.stagingRevision)
        && Objects.equals(stagingSource, s.stagingSource);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, from, to, productionRevision, stagingRevision);
  }
}
