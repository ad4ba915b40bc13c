package io.webgarden.operator.model;

/** Annotation keys the operator writes; read back to know what an instance runs. */
public final class Annotations {
  /** Short hash of the slot content an instance runs (pod template without instance labels). */
  public static final String REVISION = "webgarden.io/revision";

  /** Short hash of the source alone, to recognise an exchange of sources as a swap. */
  public static final String SOURCE = "webgarden.io/source";

  /** Hash of what the sidecar cannot pick up live (web.config copied into an image site). */
  public static final String CONFIG_CHECKSUM = "webgarden.io/config-checksum";

  /** On the production Service: the last swap as JSON, written with the selector flip. */
  public static final String LAST_SWAP = "webgarden.io/last-swap";

  private Annotations() {}
}
