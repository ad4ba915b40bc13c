package io.webgarden.sidecar.migrate;

import io.webgarden.sidecar.site.WebConfig;
import io.webgarden.sidecar.site.WebConfigException;
import io.webgarden.sidecar.site.WebConfigParser;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every web.config of a site, parsed up front so that a malformed one stops the conversion with its
 * file and line (the sidecar's scan would only skip that folder), and so that what spec.webConfig
 * cannot carry, the files below the root, can be reported.
 */
final class SiteWebConfigs {
  private static final String[] NAMES = {"web.config", "Web.config"};

  /** Folder relative to the root ("" for the root, "a/b" below) → its parsed web.config. */
  private final Map<String, WebConfig> files;

  private SiteWebConfigs(Map<String, WebConfig> files) {
    this.files = files;
  }

  /** Walks the site as the sidecar's application scan does: no node_modules, no dot folders. */
  static SiteWebConfigs read(Path root) throws ConversionException {
    WebConfigParser parser = new WebConfigParser();
    Map<String, WebConfig> files = new TreeMap<>();
    List<WebConfigException> broken = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
              String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
              if (!folder.equals(root) && (name.startsWith(".") || name.equals("node_modules"))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              for (String fileName : NAMES) {
                Path file = folder.resolve(fileName);
                if (Files.isRegularFile(file)) {
                  try {
                    files.put(EntryPoints.relative(root, folder), parser.parse(file));
                  } catch (WebConfigException e) {
                    broken.add(e);
                  }
                  break;
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new ConversionException("cannot read the site folder " + root + ": " + e.getMessage());
    }
    if (!broken.isEmpty()) {
      throw new ConversionException(
          broken.get(0).getMessage()
              + (broken.size() > 1
                  ? " (and " + (broken.size() - 1) + " more broken web.config)"
                  : ""));
    }
    return new SiteWebConfigs(files);
  }

  /** The site root's web.config, if it has one. */
  WebConfig root() {
    return files.get("");
  }

  /**
   * Notices for what the files say that the sidecar ignores, and for each web.config below the root
   * that configures something: spec.webConfig is the root's file only.
   *
   * @param appFolder the application's folder relative to the root: the iisnode settings and
   *     appSettings of the files on its chain are in spec.hosting and spec.appSettings already
   */
  void report(String appFolder, List<String> notices) {
    files.forEach(
        (folder, config) -> {
          boolean onChain = appFolder.equals(folder) || appFolder.startsWith(folder + "/");
          String file = folder.isEmpty() ? "web.config" : folder + "/web.config";
          for (String note : config.notes()) {
            notices.add(file + ": " + note);
          }
          List<String> sections = sections(config, onChain);
          if (!folder.isEmpty() && !sections.isEmpty()) {
            notices.add(
                file
                    + ": its "
                    + String.join(", ", sections)
                    + " apply to "
                    + folder
                    + "/ only and cannot go into spec.webConfig, which is the site root's web.config;"
                    + " they take effect only while the site's files carry this file (an image or git"
                    + " source does, a configMap source cannot hold folders)");
          }
        });
  }

  private static List<String> sections(WebConfig config, boolean onChain) {
    List<String> sections = new ArrayList<>();
    if (!config.handlers().isEmpty()) {
      sections.add("handlers");
    }
    if (!config.rewriteRules().isEmpty()) {
      sections.add("rewrite rules");
    }
    if (!config.defaultDocuments().isEmpty() || config.defaultDocumentEnabled() != null) {
      sections.add("default documents");
    }
    if (!config.iisnode().isEmpty() && !onChain) {
      sections.add("iisnode settings");
    }
    if (!config.appSettings().isEmpty() && !onChain) {
      sections.add("appSettings");
    }
    if (!config.initializationPages().isEmpty()) {
      sections.add("initialization pages");
    }
    return sections;
  }
}
