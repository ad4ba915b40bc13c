package io.webgarden.sidecar.proxy;

/**
 * The most bytes of a request body that may reach node, for a body whose length the head does not
 * say (chunked): the proxy counts what it streams and, past {@code maxBytes}, stops forwarding,
 * drops the exchange with node and lets {@code exceeded} answer the client. A body with a
 * Content-Length was checked before it was read (IIS's requestLimits), so only chunked ones reach
 * this.
 *
 * @param maxBytes the limit, bytes
 * @param exceeded answers the client (once); the exchange with node is already gone
 */
public record BodyLimit(long maxBytes, Runnable exceeded) {
  /** No limit. */
  public static final BodyLimit NONE = new BodyLimit(Long.MAX_VALUE, () -> {});
}
