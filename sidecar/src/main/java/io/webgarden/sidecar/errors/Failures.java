package io.webgarden.sidecar.errors;

import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import java.util.Map;

/**
 * The one mapping from a failure to the sidecar's answer, used by the router and the proxy alike: a
 * {@link SidecarFailure} answers with its own status, cause, output and Retry-After; a
 * configuration mistake with 500 {@code config-error} naming file and line; anything else is the
 * sidecar's own bug, 500 {@code internal-error}.
 */
public final class Failures {
  private Failures() {}

  /** The answer to a request that {@code failure} stopped. */
  public static SidecarError answer(Throwable failure) {
    if (failure instanceof SidecarFailure known) {
      return new SidecarError(
          known.status(),
          known.errorCause(),
          known.getMessage(),
          known.output(),
          Map.of(),
          known.retryAfterSeconds(),
          Map.of());
    }
    return SidecarError.of(500, "internal-error", "The sidecar failed: " + failure);
  }

  /**
   * The answer to a request whose configuration is invalid.
   *
   * @param file the file (or environment variable) that holds the mistake
   * @param line its line, 0 when the source has none
   */
  public static SidecarError configError(String file, int line, String problem) {
    return SidecarError.of(
        500,
        "config-error",
        "The configuration is invalid: "
            + file
            + (line > 0 ? " line " + line : "")
            + ": "
            + problem);
  }
}
