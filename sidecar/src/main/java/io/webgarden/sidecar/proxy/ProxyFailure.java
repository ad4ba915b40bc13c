package io.webgarden.sidecar.proxy;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.webgarden.sidecar.errors.SidecarFailure;
import io.webgarden.sidecar.host.Lease;
import java.util.List;

/**
 * A request the proxy refuses, or an answer of node's it cannot pass on; the errors package's
 * {@code Failures} turns it into the response, as it does the host's failures.
 */
final class ProxyFailure extends RuntimeException implements SidecarFailure {
  private final int status;
  private final String errorCause;

  private ProxyFailure(int status, String errorCause, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorCause = errorCause;
  }

  /** The request's header block is over maxRequestBufferSize: 431. */
  static ProxyFailure headerTooLarge(int bytes, int limit) {
    return new ProxyFailure(
        431,
        "header-too-large",
        "The request's header block is "
            + bytes
            + " bytes, more than maxRequestBufferSize ("
            + limit
            + ").");
  }

  /**
   * A failure to decode node's response, as opposed to a connection that closed or never opened.
   * Netty reports decoding problems as DecoderException (TooLongFrameException for a header block
   * over the limit) or as the IllegalArgumentException of a bad status line.
   */
  static boolean isMalformedResponse(Throwable cause) {
    return cause instanceof DecoderException || cause instanceof IllegalArgumentException;
  }

  /** Node answered, but not in a form that can be passed on: 500. */
  static ProxyFailure unusableResponse(Lease lease, Throwable cause, String maxRequestBufferSize) {
    return cause instanceof TooLongFrameException
        ? new ProxyFailure(
            500,
            "response-header-too-large",
            "The node process "
                + lease.pid()
                + " answered with a header block over maxRequestBufferSize ("
                + maxRequestBufferSize
                + " bytes).")
        : new ProxyFailure(
            500,
            "bad-response",
            "The node process "
                + lease.pid()
                + " answered with a response that is not valid HTTP/1.1: "
                + cause.getMessage());
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String errorCause() {
    return errorCause;
  }

  @Override
  public List<String> output() {
    return List.of();
  }

  @Override
  public int retryAfterSeconds() {
    return 0;
  }
}
