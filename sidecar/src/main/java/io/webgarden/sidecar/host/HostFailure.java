package io.webgarden.sidecar.host;

import io.webgarden.sidecar.errors.SidecarFailure;
import java.util.List;

/**
 * Why the host could not hand a request to a process. {@link #kind()} names the cause for the
 * {@code webgarden-error} header; {@link #output()} holds the process's last output lines, when a
 * process is to blame, for the dev error page. The errors package's {@code Failures} turns it into
 * the response.
 */
public final class HostFailure extends RuntimeException implements SidecarFailure {
  /**
   * The causes the sidecar itself reports; each carries its HTTP status and header value. The
   * statuses are iisnode's: 500 when the application's process fails to start, listen or answer,
   * 503 when the application cannot take the request now (queue, rapid-fail, shutdown), with a
   * Retry-After: 1 s, or 5 s from a sidecar that is shutting down (its pod is leaving the Service,
   * so the retry should land on another pod).
   */
  public enum Kind {
    QUEUE_FULL("queue-full", 503, 1),
    QUEUE_TIMEOUT("queue-timeout", 503, 1),
    APP_CRASHED("app-crashed", 500, 0),
    APP_NOT_LISTENING("app-not-listening", 500, 0),
    APP_START_FAILED("app-start-failed", 500, 0),
    OUT_OF_SERVICE("app-out-of-service", 503, 1),
    /** The client went away while its request was queued; nobody sees this answer. */
    CLIENT_GONE("client-gone", 499, 0),
    SHUTTING_DOWN("shutting-down", 503, 5);

    private final String header;
    private final int status;
    private final int retryAfterSeconds;

    Kind(String header, int status, int retryAfterSeconds) {
      this.header = header;
      this.status = status;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public String header() {
      return header;
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;
  private final List<String> output;

  public HostFailure(Kind kind, String message) {
    this(kind, message, List.of());
  }

  public HostFailure(Kind kind, String message, List<String> output) {
    super(message, null, false, false);
    this.kind = kind;
    this.output = List.copyOf(output);
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public int status() {
    return kind.status;
  }

  @Override
  public String errorCause() {
    return kind.header;
  }

  @Override
  public List<String> output() {
    return output;
  }

  /**
   * The output line that most likely says why a start failed, for /readyz: the last one naming an
   * error (node ends a crash with its version line, which says nothing), as " Output: line", else
   * "".
   */
  String telltaleLine() {
    for (int i = output.size() - 1; i >= 0; i--) {
      String line = output.get(i).strip();
      if (line.contains("Error")) {
        return " Output: " + line;
      }
    }
    return "";
  }

  @Override
  public int retryAfterSeconds() {
    return kind.retryAfterSeconds;
  }
}
