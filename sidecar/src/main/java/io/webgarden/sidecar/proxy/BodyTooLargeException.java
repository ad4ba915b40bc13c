package io.webgarden.sidecar.proxy;

import java.io.IOException;

/** A streamed request body passed its {@link BodyLimit}: the exchange with node was dropped. */
final class BodyTooLargeException extends IOException {
  BodyTooLargeException(long maxBytes) {
    super("the request body is over " + maxBytes + " bytes");
  }
}
