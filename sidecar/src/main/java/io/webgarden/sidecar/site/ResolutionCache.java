package io.webgarden.sidecar.site;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Walked} of recently requested URL paths, so that a hot request makes no system call:
 * no stat of its segments, of the folders' web.config files or of default documents. An entry is
 * trusted only while every folder it walked through is watched ({@link FolderEvents}); an event in
 * a folder drops the entries below the changed name (below the whole folder when its web.config or
 * a dot entry such as a ConfigMap's {@code ..data} link changed), and nothing else.
 *
 * <p>File systems that do not notify (NFS, SMB, some FUSE mounts) are covered as applications are,
 * by the poll interval: an entry older than {@code maxAge} is read again.
 *
 * <p>Correctness over hits: an entry read from the disk before its folders were watched, or while
 * an event arrived, is not kept. Every method is safe from any thread; events come from the
 * watcher's thread, lookups from every event loop.
 */
final class ResolutionCache {
  /**
   * Enough for every URL a site really has; a crawl of made-up URLs fills it, and then it starts
   * over (clearing costs a few misses, each no more than an uncached request).
   */
  static final int MAX_ENTRIES = 8192;

  private final Path root;
  private final FolderEvents events;

  /** Decoded URL path → what the disk said. */
  private final ConcurrentHashMap<String, Kept> entries = new ConcurrentHashMap<>();

  /** Folders whose events flow. */
  private final Set<Path> watched = ConcurrentHashMap.newKeySet();

  /** Folders asked for and not yet watching: asked once, until forgotten. */
  private final Set<Path> asked = ConcurrentHashMap.newKeySet();

  /** Counts changes and new watches; an entry read across one is not kept. */
  private final AtomicLong changes = new AtomicLong();

  /** The root's parent when the root is a symbolic link (git-sync swaps it there), else null. */
  private final Path linkParent;

  private final long maxAgeNanos;

  ResolutionCache(Path root, FolderEvents events, Duration maxAge, boolean rootIsLink) {
    this.root = root;
    this.events = events;
    this.maxAgeNanos = maxAge.toNanos();
    this.linkParent = rootIsLink ? root.getParent() : null;
    if (linkParent != null) {
      ask(linkParent);
    }
  }

  Walked get(String path) {
    Kept kept = entries.get(path);
    if (kept == null) {
      return null;
    }
    // nanoTime is read through the vDSO: no system call.
    return System.nanoTime() - kept.readAt < maxAgeNanos ? kept.walked : null;
  }

  /** To pass to {@link #put}: read before the disk is. */
  long changes() {
    return changes.get();
  }

  /**
   * Keeps {@code walked}, read from the disk after {@link #changes()} returned {@code before}, when
   * every folder it went through is watched and nothing changed meanwhile.
   */
  void put(String path, Walked walked, long before) {
    long readAt = System.nanoTime();
    boolean allWatched = linkParent == null || watched.contains(linkParent);
    Path folder = root;
    for (int i = 0; ; i++) {
      if (!watched.contains(folder)) {
        ask(folder);
        allWatched = false;
      }
      if (i == walked.walk().directories()) {
        break;
      }
      folder = folder.resolve(walked.walk().segments().get(i));
    }
    if (!allWatched) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    Kept kept = new Kept(walked, readAt);
    entries.put(path, kept);
    // An event counted after `before` may have missed this entry; it cannot be trusted.
    if (changes.get() != before) {
      entries.remove(path, kept);
    }
  }

  /**
   * A change in {@code folder}: {@code name} (a file or folder in it) was created, deleted, renamed
   * or written; null when the watcher lost track of the folder's events.
   *
   * @return whether the folder's own web.config may have changed
   */
  boolean changed(Path folder, Path name) {
    Path relative = root.relativize(folder);
    if (relative.startsWith("..")) {
      return false;
    }
    String prefix = relative.toString().isEmpty() ? "/" : "/" + relative + "/";
    String entry = name == null ? null : name.toString();
    boolean wholeFolder =
        entry == null || entry.startsWith(".") || entry.equalsIgnoreCase("web.config");
    changes.incrementAndGet(); // before removing: see put
    String self = prefix.substring(0, prefix.length() - 1); // "" for the root: no URL
    if (wholeFolder) {
      entries.keySet().removeIf(key -> key.startsWith(prefix) || key.equals(self));
      forgetWatchesBelow(folder);
    } else {
      String named = prefix + entry;
      String below = named + '/';
      // The folder's own URLs too: its default document may be the name that changed.
      entries
          .keySet()
          .removeIf(
              key ->
                  key.equals(named)
                      || key.startsWith(below)
                      || key.equals(prefix)
                      || key.equals(self));
      forgetWatchesBelow(folder.resolve(name));
      forget(folder.resolve(name));
    }
    return wholeFolder;
  }

  /** Drops every entry and watch, e.g. after the site was replaced. */
  void clear() {
    changes.incrementAndGet();
    entries.clear();
    watched.clear();
    asked.clear();
    if (linkParent != null) {
      ask(linkParent);
    }
  }

  /**
   * A folder that was replaced (a new folder or link under the same name, a ConfigMap's {@code
   * ..data} swapped under links) must be watched anew: the old watch follows the old folder.
   */
  private void forgetWatchesBelow(Path folder) {
    watched.removeIf(path -> path.startsWith(folder) && !path.equals(folder));
    asked.removeIf(path -> path.startsWith(folder) && !path.equals(folder));
  }

  private void forget(Path folder) {
    watched.remove(folder);
    asked.remove(folder);
  }

  private void ask(Path folder) {
    if (asked.add(folder)) {
      events.watch(
          folder,
          () -> {
            changes.incrementAndGet(); // what was read before the watch started is not kept
            if (asked.contains(folder)) {
              watched.add(folder);
            }
          });
    }
  }

  private record Kept(Walked walked, long readAt) {}

  /** How many URL paths are kept. */
  int size() {
    return entries.size();
  }
}
