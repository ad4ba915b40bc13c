package io.webgarden.sidecar.site;

import java.nio.file.Path;

/**
 * Where the resolution cache gets its change events from: the sidecar's file watcher. Implemented
 * outside this package, so that the site model stays free of threads and watch services.
 */
@FunctionalInterface
public interface FolderEvents {
  /**
   * Asks for the entry events of {@code folder} (a file or folder in it created, deleted, renamed
   * or written) to be passed to {@link SiteResolver#changed}. Returns at once; {@code watching}
   * runs, on any thread, once events flow, and never when they cannot be had (the folder is gone,
   * the inotify limit is reached).
   */
  void watch(Path folder, Runnable watching);
}
