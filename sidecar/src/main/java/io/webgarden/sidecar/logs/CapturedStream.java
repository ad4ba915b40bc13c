package io.webgarden.sidecar.logs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream (stdout or stderr) of one process, captured to log files: the first file is created on
 * the first line, and a line that would take the file past {@code maxLogFileSizeInKB} goes to a new
 * file with the next sequence number instead.
 *
 * <p>Each line is written through a buffer and flushed at once: one {@code write} system call per
 * line, so a line is in the file (and in the HTTP view) as soon as the process printed it. Batching
 * several lines per flush would save calls for chatty apps but leave the last lines invisible while
 * an app is quiet, and the pipe reader cannot tell when more is coming.
 */
final class CapturedStream {
  private static final Logger LOG = LoggerFactory.getLogger(CapturedStream.class);
  private static final int BUFFER_BYTES = 8192;

  private final String application;
  private final LogFolder folder;
  private final long maxFileBytes;

  // All guarded by this: the pipe thread writes, the exit callback may close from another thread.
  private LogFileName next;
  private LogFileName current;
  private OutputStream out;
  private long size;
  private boolean failed;
  private boolean closed;

  CapturedStream(String application, LogFolder folder, LogFileName first, long maxFileBytes) {
    this.application = application;
    this.folder = folder;
    this.next = first;
    this.maxFileBytes = maxFileBytes;
  }

  synchronized void write(String line) {
    if (failed || closed) {
      return;
    }
    byte[] bytes = encode(line, maxFileBytes);
    try {
      if (out != null && size + bytes.length > maxFileBytes) {
        finishFile();
      }
      if (out == null) {
        LogFolder.Created created = folder.create(next);
        current = created.name();
        next = current.next();
        out = new BufferedOutputStream(created.out(), BUFFER_BYTES);
        size = 0;
      }
      out.write(bytes);
      out.flush();
      size += bytes.length;
    } catch (IOException e) {
      // Disk full, folder removed, permissions changed: stop capturing this stream rather than
      // fail (and log) on every line. The console mirror still has every line.
      failed = true;
      LOG.warn(
          "{}: cannot write log file {}; output of this stream is no longer captured to files: {}",
          application,
          current == null ? next : current,
          e.toString());
      finishQuietly();
      return;
    }
    folder.written(bytes.length);
  }

  /** Closes the open file, if any; later lines are ignored. */
  synchronized void close() {
    closed = true;
    finishQuietly();
  }

  private void finishFile() throws IOException {
    try {
      out.close();
    } finally {
      out = null;
      folder.release(current);
    }
  }

  private void finishQuietly() {
    if (out != null) {
      try {
        finishFile();
      } catch (IOException e) {
        LOG.warn("{}: cannot close log file {}: {}", application, current, e.toString());
      }
    }
  }

  /**
   * The line as UTF-8 with its newline. A line longer than a whole file is cut, at a character
   * boundary, so that no file ever exceeds the limit; the console mirror keeps it whole.
   */
  static byte[] encode(String line, long maxFileBytes) {
    byte[] text = line.getBytes(StandardCharsets.UTF_8);
    int length = text.length;
    if (length + 1 > maxFileBytes) {
      length = (int) Math.max(0, maxFileBytes - 1);
      while (length > 0 && (text[length] & 0xC0) == 0x80) {
        length--; // do not split a multi-byte character
      }
    }
    byte[] bytes = new byte[length + 1];
    System.arraycopy(text, 0, bytes, 0, length);
    bytes[length] = '\n';
    return bytes;
  }
}
