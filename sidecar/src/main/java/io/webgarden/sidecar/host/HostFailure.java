package io.webgarden.sidecar.host;

import java.util.List;

/**
 * Why the host could not hand a request to a process. {@link #kind()} names the cause for the
 * {@code webgarden-error} header; {@link #output()} holds the process's last output lines, when a
 * process is to blame, for the dev error page.
 */
public final class HostFailure extends RuntimeException {
  /**
   * The causes the sidecar itself reports; each carries its HTTP status and header value. The
   * statuses are iisnode's: 500 when the application's process fails to start, listen or answer,
   * 503 when the application cannot take the request now (queue, rapid-fail, shutdown).
   */
  public enum Kind {
    QUEUE_FULL("queue-full", 503),
    QUEUE_TIMEOUT("queue-timeout", 503),
    APP_CRASHED("app-crashed", 500),
    APP_NOT_LISTENING("app-not-listening", 500),
    APP_START_FAILED("app-start-failed", 500),
    OUT_OF_SERVICE("app-out-of-service", 503),
    /** The client went away while its request was queued; nobody sees this answer. */
    CLIENT_GONE("client-gone", 499),
    SHUTTING_DOWN("shutting-down", 503);

    private final String header;
    private final int status;

    Kind(String header, int status) {
      this.header = header;
      this.status = status;
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

  public List<String> output() {
    return output;
  }
}
