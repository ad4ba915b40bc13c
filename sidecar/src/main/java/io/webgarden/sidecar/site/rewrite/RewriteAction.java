package io.webgarden.sidecar.site.rewrite;

/** The {@code action} of a rule. A rule without an action element has {@link None}. */
public sealed interface RewriteAction {

  /** Replaces the URL the rest of the pipeline resolves; the client never sees it. */
  record Rewrite(Template url, boolean appendQueryString) implements RewriteAction {}

  /** Answers with a redirect ({@code redirectType}: 301, 302, 303 or 307). */
  record Redirect(Template url, int status, boolean appendQueryString) implements RewriteAction {}

  /** Answers with a fixed status. */
  record CustomResponse(int status, int subStatus, String reason, String description)
      implements RewriteAction {}

  /** Drops the connection without an answer. */
  record AbortRequest() implements RewriteAction {}

  /** Does nothing; with {@code stopProcessing} it shields URLs from the rules after it. */
  record None() implements RewriteAction {}
}
