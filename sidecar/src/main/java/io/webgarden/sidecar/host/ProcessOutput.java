package io.webgarden.sidecar.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a process printed: each line is mirrored to the sidecar's stdout (so {@code kubectl logs}
 * shows it) and the last {@value #TAIL_BYTES} bytes are kept for error pages.
 *
 * <p>Reading a pipe blocks, so each stream gets a daemon thread of its own; whole lines are printed
 * with one call, so lines of different processes never interleave.
 */
public final class ProcessOutput {
  static final int TAIL_BYTES = 64 * 1024;

  private final String prefix;
  private final PrintStream mirror;
  private final Deque<String> tail = new ArrayDeque<>();
  private int tailBytes;

  ProcessOutput(String prefix, PrintStream mirror) {
    this.prefix = prefix;
    this.mirror = mirror;
  }

  void pump(InputStream stream, String streamName) {
    Thread thread = new Thread(() -> copyLines(stream, streamName), prefix + " " + streamName);
    thread.setDaemon(true);
    thread.start();
  }

  private void copyLines(InputStream stream, String streamName) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        remember(line);
        mirror.println(prefix + " " + streamName + "] " + line);
      }
    } catch (IOException e) {
      // The process went away mid-line; what was read is kept.
    }
  }

  private synchronized void remember(String line) {
    tail.addLast(line);
    tailBytes += line.length() + 1;
    while (tailBytes > TAIL_BYTES && tail.size() > 1) {
      tailBytes -= tail.removeFirst().length() + 1;
    }
  }

  /** The last lines the process printed, oldest first. */
  public synchronized List<String> tail() {
    return new ArrayList<>(tail);
  }
}
