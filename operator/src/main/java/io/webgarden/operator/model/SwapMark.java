package io.webgarden.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Service;
import io.webgarden.operator.api.SwapRecord;
import java.util.Map;

/**
 * The last swap, kept as an annotation on the production Service. The selector flip and this record
 * are one write of one object, so the record cannot be lost the way a status write after the flip
 * can: status is derived from it, and autoSwap reads what the swap moved out from it.
 */
public final class SwapMark {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SwapMark() {}

  /** The record on {@code service}, or null when it has none (or one nobody can read). */
  public static SwapRecord read(Service service) {
    Map<String, String> annotations = service.getMetadata().getAnnotations();
    String json = annotations == null ? null : annotations.get(Annotations.LAST_SWAP);
    if (json == null) {
      return null;
    }
    try {
      return MAPPER.readValue(json, SwapRecord.class);
    } catch (JsonProcessingException e) {
      return null; // edited by hand: status keeps what it had
    }
  }

  static String render(SwapRecord swap) {
    try {
      return MAPPER.writeValueAsString(swap);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a SwapRecord always serialises", e);
    }
  }
}
