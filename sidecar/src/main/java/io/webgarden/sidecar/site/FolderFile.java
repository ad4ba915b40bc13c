package io.webgarden.sidecar.site;

import java.nio.file.Path;

/**
 * One folder's own web.config as last read: parsed, broken, or absent. Its identity is what merged
 * configurations check, so it is replaced (not changed) when the file changes; only the stamp of an
 * absent file is refreshed in place.
 */
final class FolderFile {
  private volatile FolderStamp stamp;
  private final WebConfig config;
  private final WebConfigException error;

  private FolderFile(FolderStamp stamp, WebConfig config, WebConfigException error) {
    this.stamp = stamp;
    this.config = config;
    this.error = error;
  }

  static FolderFile read(WebConfigParser parser, Path folder, FolderStamp stamp) {
    Path file = stamp.file(folder);
    if (file == null) {
      return new FolderFile(stamp, null, null);
    }
    try {
      return new FolderFile(stamp, parser.parse(file), null);
    } catch (WebConfigException e) {
      return new FolderFile(stamp, null, e);
    }
  }

  FolderStamp stamp() {
    return stamp;
  }

  void restamp(FolderStamp newer) {
    stamp = newer;
  }

  /** The parsed file, or null when absent or broken. */
  WebConfig config() {
    return config;
  }

  /** Why the file cannot be used, or null. */
  WebConfigException error() {
    return error;
  }
}
