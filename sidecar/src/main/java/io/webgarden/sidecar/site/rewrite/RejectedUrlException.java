package io.webgarden.sidecar.site.rewrite;

/**
 * A URL that must not be resolved (traversal, bad encoding, NUL …), with the HTTP status to answer.
 * Thrown on hostile input only, so it carries no stack trace.
 */
public final class RejectedUrlException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  public RejectedUrlException(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  /** 400 for a malformed request, 403 for an attempt to leave the site. */
  public int status() {
    return status;
  }
}
