package io.webgarden.sidecar.errors;

import java.util.List;

/**
 * A failure that knows how the sidecar answers the request it failed. The packages above this one
 * implement it on their exceptions (the host's {@code HostFailure}), so that {@link Failures},
 * which imports nothing of ours, maps them all the same way.
 */
public interface SidecarFailure {
  /** The HTTP status of the answer. */
  int status();

  /** The {@code webgarden-error} header value naming the cause. */
  String errorCause();

  /** What went wrong, in one sentence, for the dev error page. */
  String getMessage();

  /** The process's last output lines when a process is to blame, else empty. */
  List<String> output();

  /** When the client may retry, for {@code Retry-After}; 0 sends none. */
  int retryAfterSeconds();
}
