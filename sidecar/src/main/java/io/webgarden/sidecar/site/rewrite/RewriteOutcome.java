package io.webgarden.sidecar.site.rewrite;

/** What a rule set decided for one request. */
public sealed interface RewriteOutcome {

  /** Resolve this URL next (the original one when no rule rewrote it). */
  record Continue(RequestUrl url) implements RewriteOutcome {}

  /** A Redirect action fired. */
  record Redirected(int status, String location) implements RewriteOutcome {}

  /** A CustomResponse action fired. */
  record Responded(int status, int subStatus, String reason, String description)
      implements RewriteOutcome {}

  /** An AbortRequest action fired. */
  record Aborted() implements RewriteOutcome {}

  /** A Rewrite produced a URL that is unsafe or cannot be served here. */
  record Refused(int status, String reason) implements RewriteOutcome {}
}
