package io.webgarden.sidecar.site;

import java.io.File;
import java.nio.file.Path;

/**
 * What a folder's web.config looked like when it was parsed, so that one or two stats per request
 * tell whether the cached parse is still good. A folder without a web.config is validated by the
 * folder's own modification time, which changes when a file is created or renamed into it.
 *
 * @param fileName {@code web.config} or {@code Web.config} (Visual Studio's spelling), null when
 *     the folder has none
 */
record FolderStamp(long folderModified, String fileName, long fileModified, long fileSize) {
  private static final String[] NAMES = {"web.config", "Web.config"};

  /** The web.config file, or null. */
  Path file(Path folder) {
    return fileName == null ? null : folder.resolve(fileName);
  }

  /** Returns {@code previous} when nothing changed, else a fresh stamp. */
  static FolderStamp probe(Path folder, FolderStamp previous) {
    File dir = folder.toFile();
    if (previous != null && previous.fileName != null) {
      File file = new File(dir, previous.fileName);
      long modified = file.lastModified();
      if (modified != 0
          && modified == previous.fileModified
          && file.length() == previous.fileSize) {
        return previous;
      }
    } else if (previous != null && dir.lastModified() == previous.folderModified) {
      return previous;
    }
    long folderModified = dir.lastModified();
    for (String name : NAMES) {
      File file = new File(dir, name);
      long modified = file.lastModified(); // 0 when absent: no exception on the hot path
      if (modified != 0 && file.isFile()) {
        return new FolderStamp(folderModified, name, modified, file.length());
      }
    }
    return new FolderStamp(folderModified, null, 0, 0);
  }
}
