package io.webgarden.sidecar.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One application's log folder: creates log files (and the folder, on first use), knows which are
 * being written, enforces {@code maxLogFiles} and {@code maxTotalLogFileSizeInKB}, and keeps {@code
 * index.html} current.
 *
 * <p>The disk is the record: quotas and the index look at every log file in the folder, so files
 * from an earlier run of the sidecar count and are cleaned up too. Changes (create, release,
 * delete) take this object's lock; they are rare next to lines, which only add to a counter and
 * take the lock when the total is over quota and something could be deleted. All of it runs on
 * pipe-reading threads or workers, never on an event loop.
 */
final class LogFolder {
  private static final Logger LOG = LoggerFactory.getLogger(LogFolder.class);

  private final String application;
  private final LogPlacement placement;
  private final LogSettings settings;
  private final Clock clock;

  /** Guarded by this. Null until first asked; moves to the fallback if creating fails. */
  private Path folder;

  /** Guarded by this. Whether a file was ever created in {@link #folder}. */
  private boolean used;

  /** Guarded by this. Names of the files open for writing. */
  private final Set<String> writing = new HashSet<>();

  /** Bytes in all log files: from the last scan, plus what was written since. */
  private final AtomicLong totalBytes = new AtomicLong();

  /** Bytes in files that could be deleted, at the last scan: no point in another before. */
  private volatile long idleBytes;

  private boolean indexFailureLogged;

  LogFolder(String application, LogPlacement placement, LogSettings settings, Clock clock) {
    this.application = application;
    this.placement = placement;
    this.settings = settings;
    this.clock = clock;
  }

  /** Where the logs are, or will be once something is printed. May stat the disk. */
  synchronized Path path() {
    if (folder == null) {
      folder = placement.preferred();
    }
    return folder;
  }

  /** A newly created, open log file. */
  record Created(LogFileName name, Path path, OutputStream out) {}

  /**
   * Creates the file for {@code name}, or for a following sequence number if that exists, in the
   * log folder, creating the folder first if needed; if the application's folder refuses, moves to
   * the fallback under {@code logRoot}. The file counts as being written until {@link #release}.
   */
  synchronized Created create(LogFileName name) throws IOException {
    Created created;
    try {
      created = createIn(path(), name);
    } catch (IOException e) {
      if (used || folder.equals(placement.fallback())) {
        throw e;
      }
      LOG.warn(
          "{}: cannot write logs in {} ({}); writing them in {}",
          application,
          folder,
          e.toString(),
          placement.fallback());
      folder = placement.fallback();
      created = createIn(folder, name);
    }
    used = true;
    writing.add(created.name().fileName());
    enforceQuotas();
    writeIndex();
    return created;
  }

  private static Created createIn(Path dir, LogFileName name) throws IOException {
    Files.createDirectories(dir);
    for (LogFileName candidate = name; ; candidate = candidate.next()) {
      Path file = dir.resolve(candidate.fileName());
      try {
        OutputStream out =
            Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new Created(candidate, file, out);
      } catch (FileAlreadyExistsException e) {
        // Left by an earlier sidecar whose process had the same pid and start: continue after it.
      }
    }
  }

  /** The file is closed; it may now be deleted to meet the quotas. */
  synchronized void release(LogFileName name) {
    writing.remove(name.fileName());
    enforceQuotas();
    writeIndex();
  }

  /**
   * Counts bytes just written, and deletes idle files if the total went over its quota. Under the
   * folder's lock, like the quota check that resets the count from the disk: otherwise the other
   * stream's bytes, counted between that check's scan and its reset, would be lost and the quota
   * overshot by a line.
   */
  synchronized void written(long bytes) {
    if (totalBytes.addAndGet(bytes) > settings.maxTotalBytes() && idleBytes > 0) {
      if (enforceQuotas()) {
        writeIndex();
      }
    }
  }

  /** Every log file in the folder, in no particular order. Scans the disk. */
  List<LogEntry> list() {
    Path dir;
    Set<String> open;
    synchronized (this) {
      dir = path();
      open = Set.copyOf(writing);
    }
    List<LogEntry> entries = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.txt")) {
      for (Path file : files) {
        entry(file, open).ifPresent(entries::add);
      }
    } catch (NoSuchFileException e) {
      return List.of(); // nothing printed yet
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  /** The log file called {@code fileName}, if it is one and exists. Stats the disk. */
  Optional<Path> file(String fileName) {
    if (LogFileName.parse(fileName).isEmpty()) {
      return Optional.empty();
    }
    Path file = path().resolve(fileName);
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        ? Optional.of(file)
        : Optional.empty();
  }

  private static Optional<LogEntry> entry(Path file, Set<String> open) {
    String fileName = file.getFileName().toString();
    Optional<LogFileName> name = LogFileName.parse(fileName);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    try {
      // Not following links: a symlink planted in the folder is neither listed nor served.
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new LogEntry(
              name.get(),
              attributes.size(),
              attributes.lastModifiedTime().toInstant(),
              open.contains(fileName)));
    } catch (IOException e) {
      return Optional.empty(); // deleted while listing
    }
  }

  /**
   * Deletes the oldest idle files (least recently written; none being written) until both quotas
   * hold or nothing idle is left. Files being written are never deleted: each is bounded by {@code
   * maxLogFileSizeInKB}, so the folder stays bounded even then. Returns whether any file was
   * deleted.
   */
  private boolean enforceQuotas() {
    List<LogEntry> entries = list();
    long total = entries.stream().mapToLong(LogEntry::size).sum();
    int count = entries.size();
    List<LogEntry> idle = new ArrayList<>(entries.stream().filter(e -> !e.writing()).toList());
    idle.sort(
        Comparator.comparing(LogEntry::lastWrite)
            .thenComparing(LogEntry::name, LogFileName.CREATION_ORDER));
    long idleTotal = idle.stream().mapToLong(LogEntry::size).sum();
    boolean deleted = false;
    for (LogEntry oldest : idle) {
      if (count <= settings.maxFiles() && total <= settings.maxTotalBytes()) {
        break;
      }
      try {
        Files.deleteIfExists(folder.resolve(oldest.name().fileName()));
        deleted = true;
      } catch (IOException e) {
        LOG.warn("{}: cannot delete old log file {}: {}", application, oldest.name(), e.toString());
      }
      count--;
      total -= oldest.size();
      idleTotal -= oldest.size();
    }
    totalBytes.set(total);
    idleBytes = idleTotal;
    return deleted;
  }

  /** Rewrites index.html through a temporary file, so a reader never sees half a page. */
  private void writeIndex() {
    Path index = folder.resolve(LogIndex.FILE_NAME);
    Path temporary = folder.resolve("." + LogIndex.FILE_NAME + ".tmp");
    try {
      String html = LogIndex.render(application, list(), "", clock.instant());
      Files.writeString(temporary, html);
      Files.move(
          temporary, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UncheckedIOException e) {
      if (!indexFailureLogged) {
        indexFailureLogged = true;
        LOG.warn("{}: cannot write {}: {}", application, index, e.toString());
      }
    }
  }
}
