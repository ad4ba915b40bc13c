package io.webgarden.sidecar.host;

/**
 * Receives one process's output, a whole line at a time. Called from the process's pipe-reading
 * threads (one per stream), never from an event loop, so implementations may write files; they must
 * be safe for two threads (stdout and stderr) calling at once.
 */
public interface OutputListener {
  /**
   * @param stream {@code stdout} or {@code stderr}
   * @param line the line without its line terminator
   */
  void line(String stream, String line);

  /** The process has exited and both streams are drained. */
  default void closed() {}

  /** Where an application's processes' output goes; one per application. */
  interface Factory {
    /**
     * @param application the application's name (its script's site-relative URL path)
     * @param pid the process id
     * @param startedAtMillis when the process started, epoch milliseconds
     */
    OutputListener open(String application, long pid, long startedAtMillis);
  }
}
