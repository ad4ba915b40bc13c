package io.webgarden.sidecar.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Sees a node response as the proxy relays it to the client, for the output cache: the head, each
 * chunk, then the end. Any method may answer false to stop seeing the rest (too big, not
 * cacheable); a response that breaks off never reaches {@link #ended}.
 */
public interface ResponseCopy {
  /** The status and the headers as sent to the client, before any body. */
  boolean head(int status, MultiMap headers);

  /** A chunk of the body, as written to the client. */
  boolean chunk(Buffer chunk);

  /** The whole response was written to the client. */
  void ended();
}
