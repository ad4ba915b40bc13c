package io.webgarden.sidecar.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.host.ApplicationManager;
import io.webgarden.sidecar.host.ProcessMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each application current: watches its files and recycles it when they change, re-reading
 * its configuration; also the entry point for on-demand recycles (the admin endpoint).
 */
public final class Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private final Vertx vertx;
  private final ApplicationManager applications;
  private final Path siteRoot;
  private final DefinitionSource definitions;
  private final FileWatcher watcher;
  private final Map<Application, FileWatcher.Watch> watches = new ConcurrentHashMap<>();

  public Lifecycle(
      Vertx vertx,
      ApplicationManager applications,
      Path siteRoot,
      DefinitionSource definitions,
      FileWatcher watcher) {
    this.vertx = vertx;
    this.applications = applications;
    this.siteRoot = siteRoot;
    this.definitions = definitions;
    this.watcher = watcher;
  }

  /**
   * Starts watching an application's files, as its newest revision names them: after a recycle that
   * changed watchedFiles, the new list counts at once, though the old processes still serve.
   */
  public void track(Application application) {
    WatchSpec spec =
        WatchSpec.of(siteRoot, application.script(), application.latestRevision().settings());
    // A failed recycle is logged and counted by the manager; the running revision serves on.
    FileWatcher.Watch previous =
        watches.put(application, watcher.watch(spec, change -> recycle(application, change)));
    if (previous != null) {
      previous.close();
    }
  }

  /**
   * Recycles an application with its configuration re-read. This ends a debugging session: the new
   * revision's process could not take the inspector port the debugged one still holds, so new code
   * comes up in normal processes (start debugging again at the debugger URL).
   *
   * @return the pids of the processes being replaced; fails with a {@link ConfigException} when the
   *     new configuration is invalid (the old revision serves on)
   */
  public Future<List<Long>> recycle(Application application, String reason) {
    return recycle(application, ProcessMode.NORMAL, reason);
  }

  /**
   * Recycles into {@code mode}: a debugging session starts and ends this way. The configuration is
   * read on a worker thread, since it means reading files.
   */
  public Future<List<Long>> recycle(Application application, ProcessMode mode, String reason) {
    return vertx
        .executeBlocking(
            () -> {
              List<Long> replaced =
                  applications.recycle(
                      application,
                      definitions.load(application.name(), application.script()),
                      mode,
                      reason);
              LOG.info(
                  "{}: recycle requested ({}); replacing processes {}",
                  application.name(),
                  reason,
                  replaced);
              return replaced;
            },
            false)
        .onSuccess(replaced -> track(application));
  }

  public void close() {
    watches.values().forEach(FileWatcher.Watch::close);
    watcher.close();
  }
}
