package io.webgarden.sidecar.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed web.config files and merged {@link SiteConfig}s, cached per folder and re-validated on
 * every lookup with a stat of each folder's web.config, so an edit takes effect on the next
 * request. A file watcher may call {@link #invalidate} to catch edits the stat cannot see (same
 * size within the same millisecond). Safe for concurrent use from all event loops; a race only
 * parses a file twice.
 */
public final class SiteConfigs {
  private static final Logger LOG = LoggerFactory.getLogger(SiteConfigs.class);

  private final Path root;
  private final WebConfigParser parser;

  /** Folder key ("" for the root, "a/b" below it) → its own web.config. */
  private final ConcurrentHashMap<String, FolderFile> files = new ConcurrentHashMap<>();

  /** Folder key → the merged chain and the folder files it was built from. */
  private final ConcurrentHashMap<String, Merged> merged = new ConcurrentHashMap<>();

  public SiteConfigs(Path root, WebConfigParser parser) {
    this.root = root.toAbsolutePath().normalize();
    this.parser = parser;
  }

  /** The site root, absolute and normalised. */
  public Path root() {
    return root;
  }

  /**
   * The configuration for a folder under the root (it need not contain a web.config).
   *
   * @param folder absolute, or relative to the root
   * @throws IllegalArgumentException when the folder is not under the root
   */
  public SiteConfig forFolder(Path folder) {
    Path relative = root.relativize(root.resolve(folder).normalize());
    if (relative.startsWith("..")) {
      throw new IllegalArgumentException(folder + " is not under the site root " + root);
    }
    List<String> segments = new ArrayList<>();
    relative.forEach(
        name -> {
          if (!name.toString().isEmpty()) {
            segments.add(name.toString());
          }
        });
    return forSegments(segments, segments.size());
  }

  /** The configuration for the folder made of the first {@code depth} URL segments. */
  SiteConfig forSegments(List<String> segments, int depth) {
    String[] keys = new String[depth + 1];
    Path[] folders = new Path[depth + 1];
    keys[0] = "";
    folders[0] = root;
    for (int i = 0; i < depth; i++) {
      keys[i + 1] = i == 0 ? segments.get(0) : keys[i] + '/' + segments.get(i);
      folders[i + 1] = folders[i].resolve(segments.get(i));
    }
    FolderFile[] current = new FolderFile[depth + 1];
    for (int i = 0; i <= depth; i++) {
      current[i] = refresh(keys[i], folders[i]);
    }
    Merged cached = merged.get(keys[depth]);
    if (cached != null && cached.builtFrom(current)) {
      return cached.config();
    }
    SiteConfig config = build(folders[depth], keys, current);
    merged.put(keys[depth], new Merged(current, config));
    return config;
  }

  /** Forgets what is cached for a folder (absolute or relative to the root) and below it. */
  public void invalidate(Path folder) {
    Path relative = root.relativize(root.resolve(folder).normalize());
    String key = relative.toString().replace('\\', '/');
    files.remove(key);
    merged.keySet().removeIf(k -> key.isEmpty() || k.equals(key) || k.startsWith(key + '/'));
  }

  /**
   * Forgets the parsed web.config of each folder from the root down to {@code folder}, so that the
   * next lookup reads them again (an edit of the same size within the same millisecond escapes the
   * stat); merged configurations elsewhere rebuild only if a file really changed.
   */
  public void forgetChain(Path folder) {
    Path relative = root.relativize(root.resolve(folder).normalize());
    files.remove("");
    String key = "";
    for (Path name : relative) {
      if (name.toString().isEmpty()) {
        continue;
      }
      key = key.isEmpty() ? name.toString() : key + '/' + name;
      files.remove(key);
    }
  }

  /** The web.config files, as last read, that cannot be used: for GET /apps. */
  public List<WebConfigException> brokenFiles() {
    return files.values().stream()
        .map(FolderFile::error)
        .filter(Objects::nonNull)
        .sorted(Comparator.comparing(error -> error.file().toString()))
        .toList();
  }

  /** Forgets everything, e.g. after the site folder was replaced. */
  public void invalidateAll() {
    files.clear();
    merged.clear();
  }

  private FolderFile refresh(String key, Path folder) {
    FolderFile known = files.get(key);
    FolderStamp stamp = FolderStamp.probe(folder, known == null ? null : known.stamp());
    if (known != null && stamp == known.stamp()) {
      return known;
    }
    if (known != null && stamp.fileName() == null && known.stamp().fileName() == null) {
      known.restamp(stamp); // the folder changed, but it still has no web.config
      return known;
    }
    FolderFile fresh = FolderFile.read(parser, folder, stamp);
    FolderFile replaced = files.put(key, fresh);
    // Once per change: a concurrent reader of the same change (replaced != known) logged it.
    if (replaced == known) {
      if (fresh.error() != null) {
        LOG.error(
            "web.config cannot be used, URLs under {} answer config-error until it is"
                + " fixed: {}",
            folder,
            fresh.error().getMessage());
      } else if (known != null && known.error() != null) {
        LOG.info("{}: fixed, in use again", known.error().file());
      }
    }
    return fresh;
  }

  private static SiteConfig build(Path folder, String[] keys, FolderFile[] chainFiles) {
    List<WebConfig> chain = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < chainFiles.length; i++) {
      if (chainFiles[i].error() != null) {
        return SiteConfig.broken(folder, chainFiles[i].error());
      }
      WebConfig config = chainFiles[i].config();
      if (config != null) {
        chain.add(config);
        prefixes.add(keys[i].isEmpty() ? "" : keys[i] + '/');
        addLocations(config, keys[i], keys[keys.length - 1], chain, prefixes);
      }
    }
    return SiteConfigMerger.merge(folder, chain, prefixes);
  }

  /**
   * IIS applies {@code <location path="a/b">} of a file to that folder and below, after the file
   * itself and before the web.config files further down; shallower locations first.
   */
  private static void addLocations(
      WebConfig config,
      String fileKey,
      String targetKey,
      List<WebConfig> chain,
      List<String> prefixes) {
    if (config.locations().isEmpty()) {
      return;
    }
    String target = targetKey.toLowerCase(Locale.ROOT);
    config.locations().entrySet().stream()
        .sorted(Comparator.comparingInt(entry -> entry.getKey().split("/").length))
        .forEach(
            entry -> {
              String key = fileKey.isEmpty() ? entry.getKey() : fileKey + '/' + entry.getKey();
              String lower = key.toLowerCase(Locale.ROOT);
              if (target.equals(lower) || target.startsWith(lower + '/')) {
                chain.add(entry.getValue());
                prefixes.add(targetKey.substring(0, key.length()) + '/');
              }
            });
  }

  /** A merged configuration and the exact folder files (by identity) it came from. */
  private record Merged(FolderFile[] sources, SiteConfig config) {
    boolean builtFrom(FolderFile[] current) {
      if (sources.length != current.length) {
        return false;
      }
      for (int i = 0; i < current.length; i++) {
        if (sources[i] != current[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
