package io.webgarden.sidecar.site;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the node application scripts of a site for the startup line "N applications found": the
 * files that an iisnode handler of their folder's chain maps. Blocking.
 */
final class ApplicationScanner {
  private final SiteConfigs configs;

  ApplicationScanner(SiteConfigs configs) {
    this.configs = configs;
  }

  List<Path> scan() throws IOException {
    List<Path> scripts = new ArrayList<>();
    // Walk the real folder: a root that is itself a link (git-sync) would otherwise be one file.
    Path realRoot = configs.root().toRealPath();
    Files.walkFileTree(
        realRoot,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path realFolder, BasicFileAttributes attributes)
              throws IOException {
            Path relative = realRoot.relativize(realFolder);
            String name =
                realFolder.getFileName() == null ? "" : realFolder.getFileName().toString();
            boolean isRoot = relative.toString().isEmpty();
            if (!isRoot && (name.startsWith(".") || name.equals("node_modules"))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            SiteConfig config = configs.forFolder(relative);
            if (!isRoot && name.equals(logDirectory(config))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (config.error() == null && config.hasIisnodeHandlers()) {
              addScripts(configs.root().resolve(relative), config, scripts);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException unreadable) {
            return FileVisitResult.CONTINUE; // an unreadable folder has no applications we can run
          }
        });
    scripts.sort(null);
    return scripts;
  }

  private static String logDirectory(SiteConfig config) {
    Located logDirectory = config.iisnodeAttributes().get("logDirectory");
    return logDirectory == null ? "iisnode" : logDirectory.value();
  }

  private static void addScripts(Path folder, SiteConfig config, List<Path> scripts)
      throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!UrlPaths.isHiddenName(name)
            && Files.isRegularFile(entry)
            && mapsToIisnode(config, name)) {
          scripts.add(entry);
        }
      }
    }
  }

  /** The first handler whose path matches the name decides, as for requests. */
  private static boolean mapsToIisnode(SiteConfig config, String name) {
    for (HandlerMapping handler : config.handlers()) {
      if (handler.matchesFileName(name)) {
        return handler.isIisnode();
      }
    }
    return false;
  }
}
