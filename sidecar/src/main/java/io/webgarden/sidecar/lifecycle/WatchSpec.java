package io.webgarden.sidecar.lifecycle;

import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.config.WatchedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What to watch for one application: its watchedFiles entries and its entry point, every web.config
 * from the site root down to its folder, and its iisnode.yml.
 */
record WatchSpec(
    Path siteRoot,
    Path appFolder,
    List<WatchedFiles.Entry> entries,
    String configOverrides,
    long pollIntervalMillis) {

  /**
   * The entry point is watched whatever watchedFiles says, so that an app whose script has an
   * extension no pattern names ({@code server.ts} run by a loader, {@code start}) still recycles.
   */
  static WatchSpec of(Path siteRoot, Path script, Settings settings) {
    List<WatchedFiles.Entry> entries =
        new ArrayList<>(WatchedFiles.parse(settings.string(Setting.WATCHED_FILES)));
    String name = script.getFileName().toString();
    entries.add(new WatchedFiles.Entry(Path.of(""), name, file -> file.toString().equals(name)));
    return new WatchSpec(
        siteRoot,
        script.getParent(),
        List.copyOf(entries),
        settings.string(Setting.CONFIG_OVERRIDES),
        settings.integer(Setting.UNC_FILE_CHANGES_POLLING_INTERVAL));
  }

  /** The folders from the site root down to the application's folder. */
  List<Path> chain() {
    List<Path> chain = new ArrayList<>();
    Path relative = siteRoot.relativize(appFolder);
    Path folder = siteRoot;
    chain.add(folder);
    for (Path segment : relative) {
      if (segment.toString().isEmpty()) {
        continue;
      }
      folder = folder.resolve(segment);
      chain.add(folder);
    }
    return chain;
  }

  /** Every folder whose entries matter; notifications are asked for each that exists. */
  List<Path> folders() {
    List<Path> folders = new ArrayList<>(chain());
    for (WatchedFiles.Entry entry : entries) {
      Path folder = appFolder.resolve(entry.folder()).normalize();
      if (!folders.contains(folder)) {
        folders.add(folder);
      }
    }
    return folders;
  }
}
