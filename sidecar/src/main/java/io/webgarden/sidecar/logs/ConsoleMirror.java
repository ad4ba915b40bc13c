package io.webgarden.sidecar.logs;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Writes the sidecar's stdout lines for {@code kubectl logs}: every line a node process prints, and
 * one access-log line per request, as text or JSON ({@link LogFormat}).
 *
 * <p>Each line is built in full, encoded as UTF-8 and handed to the stream in a single write under
 * a lock, so lines from many processes and requests never interleave within a line. The stream is
 * flushed every {@value #FLUSH_INTERVAL_MS} ms by a daemon thread rather than per line: at
 * thousands of requests a second, one write system call per access-log line would cost more than
 * the proxying itself, and a tenth of a second is nothing to {@code kubectl logs}. The lock is our
 * own because {@link PrintStream} does not promise that a {@code println} is atomic; UTF-8 bytes
 * are written directly because the JVM's stdout encoding follows the container's locale, which is
 * often ASCII, and would turn an app's non-ASCII output into {@code ?}. One instance serves the
 * whole sidecar; it is thread-safe.
 */
public final class ConsoleMirror {
  /**
   * A {@code token} query parameter, which must not reach the logs (see {@code logAccessToken}).
   */
  private static final Pattern TOKEN_PARAM = Pattern.compile("([?&]token=)[^&#]*");

  private final PrintStream out;
  private final LogFormat format;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  static final long FLUSH_INTERVAL_MS = 100;

  /**
   * The process's stdout for a serving sidecar, to be installed with {@link System#setOut} before
   * anything logs: UTF-8, buffered (this mirror flushes it), and the only stream on file descriptor
   * 1. The sidecar's own log lines (slf4j-simple prints to {@code System.out}) and the mirrored
   * lines must reach the pipe kubectl reads through this one stream: with two streams each doing
   * its own {@code write(2)}, a mirrored line longer than {@code PIPE_BUF} (4 KiB) was split by a
   * log line written meanwhile, as a pipe keeps only small writes whole.
   */
  public static PrintStream stdout() {
    return new PrintStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024),
        false,
        StandardCharsets.UTF_8);
  }

  /**
   * @param out where lines go, usually {@code System.out} (see {@link #stdout}); shared, so every
   *     write takes the lock
   * @param format text or JSON, the sidecar-wide {@code logFormat}
   * @param clock stamps {@code time} in JSON lines
   */
  public ConsoleMirror(PrintStream out, LogFormat format, Clock clock) {
    this.out = out;
    this.format = format;
    this.clock = clock;
    Thread flusher = new Thread(this::flushPeriodically, "webgarden-stdout-flusher");
    flusher.setDaemon(true);
    flusher.start();
  }

  private void flushPeriodically() {
    try {
      while (true) {
        Thread.sleep(FLUSH_INTERVAL_MS);
        flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes out whatever is buffered; also called at shutdown. */
  public void flush() {
    lock.lock();
    try {
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Mirrors one line a process printed.
   *
   * @param application the application's name (its script's URL path)
   * @param pid the process
   * @param stream {@code stdout} or {@code stderr}
   * @param message the line, without its terminator
   */
  public void line(String application, long pid, String stream, String message) {
    if (format == LogFormat.JSON) {
      write(
          new Json()
              .field("time", clock.instant().toString())
              .field("app", application)
              .field("pid", pid)
              .field("stream", stream)
              .field("message", message)
              .toString());
    } else {
      write("[" + application + " pid=" + pid + " " + stream + "] " + message);
    }
  }

  /**
   * Writes one access-log line. The caller decides whether access logging is on ({@link
   * LogSettings#accessLogEnabled()}). A {@code token} query parameter's value is replaced by {@code
   * ***}, since a log URL may carry the log access token.
   */
  public void access(AccessEntry entry) {
    // Most URLs carry no token: the regex (a Matcher and its arrays per line) only for those that
    // may.
    String url =
        entry.url().contains("token=")
            ? TOKEN_PARAM.matcher(entry.url()).replaceAll("$1***")
            : entry.url();
    if (format == LogFormat.JSON) {
      Json json =
          new Json()
              .field("time", clock.instant().toString())
              .field("type", "access")
              .field("method", entry.method())
              .field("url", url)
              .field("status", entry.status())
              .field("bytes", entry.bytesSent())
              .field("durationMs", entry.durationMillis());
      if (entry.pid().isPresent()) {
        json.field("pid", entry.pid().getAsLong());
      } else {
        json.nullField("pid");
      }
      write(json.field("queueWaitMs", entry.queueWaitMillis()).toString());
    } else {
      String pid = entry.pid().isPresent() ? Long.toString(entry.pid().getAsLong()) : "-";
      writeLine(
          "[access] "
              + entry.method()
              + " "
              + url
              + " "
              + entry.status()
              + " bytes="
              + entry.bytesSent()
              + " time="
              + entry.durationMillis()
              + "ms"
              + " pid="
              + pid
              + " wait="
              + entry.queueWaitMillis()
              + "ms\n");
    }
  }

  private void write(String line) {
    writeLine(line + "\n");
  }

  /** Writes {@code line}, which ends with its newline already. */
  private void writeLine(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    lock.lock();
    try {
      out.write(bytes, 0, bytes.length);
    } finally {
      lock.unlock();
    }
  }
}
