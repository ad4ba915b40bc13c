package io.webgarden.sidecar.lifecycle;

import io.webgarden.sidecar.config.WatchedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The state of everything an application watches, as one comparable value: each file's real path,
 * modification time and size. Following symlinks on purpose: a Kubernetes ConfigMap update swaps
 * the {@code ..data} link, and git-sync swaps a linked folder; the files' real paths change even
 * when no watched name does.
 */
final class Fingerprint {
  private Fingerprint() {}

  /** Reads the file system (blocking); call it off the event loop. */
  static Map<String, String> of(WatchSpec spec) {
    Map<String, String> state = new TreeMap<>();
    state.put("(folder)", realPath(spec.appFolder()));
    for (Path folder : spec.chain()) {
      state.put(folder + "/web.config", describe(folder.resolve("web.config")));
    }
    if (!spec.configOverrides().isBlank()) {
      Path overrides = spec.appFolder().resolve(spec.configOverrides());
      state.put(overrides.toString(), describe(overrides));
    }
    for (WatchedFiles.Entry entry : spec.entries()) {
      Path folder = spec.appFolder().resolve(entry.folder()).normalize();
      state.put(folder + "/(folder)", realPath(folder));
      try (Stream<Path> files = Files.list(folder)) {
        files
            .filter(file -> entry.matches(file.getFileName()))
            .forEach(file -> state.put(file.toString(), describe(file)));
      } catch (IOException e) {
        // A watched folder that does not exist (yet) is fine.
      }
    }
    return state;
  }

  private static String describe(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return "not a file";
      }
      return realPath(file)
          + "|"
          + attributes.lastModifiedTime().toMillis()
          + "|"
          + attributes.size();
    } catch (IOException e) {
      return "absent";
    }
  }

  private static String realPath(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      return "absent";
    }
  }

  /** Folders that are symlinks along the way: their parents must be watched to see a swap. */
  static Optional<Path> symlinkParent(Path folder) {
    return Files.isSymbolicLink(folder)
        ? Optional.ofNullable(folder.getParent())
        : Optional.empty();
  }

  static boolean isFolder(Path path) {
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path);
  }
}
