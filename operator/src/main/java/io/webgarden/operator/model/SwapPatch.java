package io.webgarden.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.webgarden.operator.api.App;
import java.util.Optional;

/**
 * A swap as a spec change: one JSON Patch that exchanges {@code spec.source} and {@code
 * spec.slots.staging.source}, guarded by a {@code test} of the resourceVersion it was computed
 * from, so a concurrent edit makes it fail instead of being overwritten.
 */
public final class SwapPatch {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SwapPatch() {}

  /** The patch, or empty when the App has no staging slot to swap with. */
  public static Optional<String> exchangeSources(App app) {
    if (app.getSpec().slots == null || app.getSpec().slots.staging == null) {
      return Optional.empty();
    }
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    ops.addObject()
        .put("op", "test")
        .put("path", "/metadata/resourceVersion")
        .put("value", app.getMetadata().getResourceVersion());
    ops.addObject()
        .put("op", "replace")
        .put("path", "/spec/source")
        .set("value", MAPPER.valueToTree(app.getSpec().slots.staging.source));
    ops.addObject()
        .put("op", "replace")
        .put("path", "/spec/slots/staging/source")
        .set("value", MAPPER.valueToTree(app.getSpec().source));
    return Optional.of(ops.toString());
  }
}
