package io.webgarden.sidecar.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads what a process prints: each line goes to the {@link OutputListener} (logs, stdout mirror)
 * and the last {@value #TAIL_BYTES} bytes are kept for error pages.
 *
 * <p>Reading a pipe blocks, so each stream gets a daemon thread of its own.
 */
final class ProcessOutput {
  static final int TAIL_BYTES = 64 * 1024;

  private final OutputListener listener;
  private final Deque<String> tail = new ArrayDeque<>();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private int tailBytes;

  ProcessOutput(OutputListener listener) {
    this.listener = listener;
  }

  void pump(InputStream stream, String streamName) {
    openStreams.incrementAndGet();
    Thread thread = new Thread(() -> copyLines(stream, streamName), "output-" + streamName);
    thread.setDaemon(true);
    thread.start();
  }

  private void copyLines(InputStream stream, String streamName) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        remember(line);
        listener.line(streamName, line);
      }
    } catch (IOException e) {
      // The process went away mid-line; what was read is kept.
    } finally {
      if (openStreams.decrementAndGet() == 0) {
        listener.closed();
        closed.complete(null);
      }
    }
  }

  /**
   * Keeps the last {@value #TAIL_BYTES} characters: whole lines while they fit, and the end of the
   * oldest kept line when it alone is longer than what is left (a huge stack trace on one line).
   */
  private synchronized void remember(String line) {
    tail.addLast(line);
    tailBytes += line.length() + 1;
    while (tailBytes > TAIL_BYTES) {
      String oldest = tail.removeFirst();
      int excess = tailBytes - TAIL_BYTES;
      tailBytes -= oldest.length() + 1;
      if (oldest.length() + 1 > excess) {
        String kept = oldest.substring(excess);
        tail.addFirst(kept);
        tailBytes += kept.length() + 1;
      }
    }
  }

  /** Completes once every pumped stream reached its end: all output has been read. */
  CompletableFuture<Void> closed() {
    return closed;
  }

  /** The last lines the process printed, oldest first. */
  synchronized List<String> tail() {
    return new ArrayList<>(tail);
  }
}
