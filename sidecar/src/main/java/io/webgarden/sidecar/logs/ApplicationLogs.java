package io.webgarden.sidecar.logs;

import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.host.OutputListener;
import io.webgarden.sidecar.host.OutputListeners;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log capture of every application, kept across recycles: two live captures on one folder would
 * each know only their own open files, and one could delete a file the other still writes. A
 * recycle whose logging settings changed gets a new capture (and URL) all the same.
 */
public final class ApplicationLogs implements OutputListeners {
  private final ConsoleMirror mirror;
  private final LogServer server;
  private final Clock clock;
  private final String hostName;
  private final Map<String, LogCapture> captures = new ConcurrentHashMap<>();

  public ApplicationLogs(ConsoleMirror mirror, LogServer server, Clock clock, String hostName) {
    this.mirror = mirror;
    this.server = server;
    this.clock = clock;
    this.hostName = hostName;
  }

  @Override
  public OutputListener.Factory forApplication(String application, Path folder, Settings settings) {
    LogSettings logSettings = LogSettings.from(settings);
    return captures.compute(
        application,
        (name, existing) -> {
          if (existing != null && existing.settings().equals(logSettings)) {
            return existing;
          }
          if (existing != null) {
            server.unregister(urlPrefix(name, existing.settings()));
          }
          LogCapture capture = new LogCapture(name, folder, logSettings, mirror, clock, hostName);
          server.register(urlPrefix(name, logSettings), capture);
          return capture;
        });
  }

  /** Where iisnode served an application's logs: its folder's URL plus logDirectory. */
  static String urlPrefix(String application, LogSettings settings) {
    String folderUrl = application.substring(0, application.lastIndexOf('/') + 1);
    return folderUrl + settings.directory() + "/";
  }
}
