package io.webgarden.sidecar.logs;

import io.webgarden.sidecar.host.OutputListener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Captures one application's process output: every line goes to the {@link ConsoleMirror}, and,
 * when {@code loggingEnabled}, to per-process, per-stream files in the application's log folder
 * with rollover, quotas and an {@code index.html}.
 *
 * <p>The host calls {@link #open} once per process it starts; the returned listener is called from
 * that process's pipe-reading threads, so file I/O happens there and never on an event loop.
 * Nothing touches the disk until a process prints its first line.
 */
public final class LogCapture implements OutputListener.Factory {
  private static final String STDOUT = "stdout";
  private static final String STDERR = "stderr";

  private final String application;
  private final LogSettings settings;
  private final ConsoleMirror mirror;
  private final Clock clock;
  private final String host;
  private final LogFolder folder;

  /**
   * Touches nothing on disk, so it may run anywhere.
   *
   * @param application the application's name (its script's site-relative URL path)
   * @param appFolder the folder holding the application's script; {@code logDirectory} is relative
   *     to it
   * @param settings the application's log settings
   * @param mirror the sidecar's stdout
   * @param clock stamps the index pages
   * @param hostName goes into every file name (the pod name in Kubernetes), so pods sharing a
   *     folder never collide
   */
  public LogCapture(
      String application,
      Path appFolder,
      LogSettings settings,
      ConsoleMirror mirror,
      Clock clock,
      String hostName) {
    this.application = application;
    this.settings = settings;
    this.mirror = mirror;
    this.clock = clock;
    this.host = LogFileName.safeHost(hostName);
    this.folder =
        new LogFolder(
            application, new LogPlacement(application, appFolder, settings), settings, clock);
  }

  @Override
  public OutputListener open(String application, long pid, long startedAtMillis) {
    if (!settings.enabled()) {
      return (stream, line) -> mirror.line(application, pid, stream, line);
    }
    CapturedStream out = stream(pid, STDOUT, startedAtMillis);
    CapturedStream err = stream(pid, STDERR, startedAtMillis);
    return new OutputListener() {
      @Override
      public void line(String stream, String line) {
        mirror.line(application, pid, stream, line);
        if (STDERR.equals(stream)) {
          err.write(line);
        } else {
          out.write(line); // the host names only stdout and stderr
        }
      }

      @Override
      public void closed() {
        out.close();
        err.close();
      }
    };
  }

  private CapturedStream stream(long pid, String stream, long startedAtMillis) {
    LogFileName first = new LogFileName(host, pid, stream, startedAtMillis, 0);
    return new CapturedStream(application, folder, first, settings.maxFileBytes());
  }

  /** The application's name. */
  public String application() {
    return application;
  }

  /** The settings this capture was made with. */
  public LogSettings settings() {
    return settings;
  }

  /**
   * Where the log files are, or will be once a process prints: {@code <app folder>/<logDirectory>}
   * or, when that cannot be written, a folder under {@code logRoot} named after the application.
   * The first call may stat the disk; call it off the event loop.
   */
  public Path logFolder() {
    return folder.path();
  }

  /** A fresh index page, links carrying {@code linkQuery}. Scans the disk. */
  String renderIndex(String linkQuery) {
    List<LogEntry> entries = folder.list();
    return LogIndex.render(application, entries, linkQuery, clock.instant());
  }

  /** The log file named {@code fileName}, if that is a log file's name and it exists. */
  Optional<Path> logFile(String fileName) {
    return folder.file(fileName);
  }
}
