package io.webgarden.sidecar.compression;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compressed copies of static files in a folder of their own, at most {@code maxBytes} in total,
 * the least recently used evicted first (IIS's {@code maxDiskSpaceUsage}). A copy is keyed by the
 * file's path, size, modification time and coding, so a changed file is compressed again and its
 * old copy ages out. Concurrent requests for a copy being made wait for the same work.
 */
public final class CompressedFiles {
  private static final Logger LOG = LoggerFactory.getLogger(CompressedFiles.class);

  private final Vertx vertx;
  private final Path folder;
  private final long maxBytes;
  private final HttpCompression settings;
  private final boolean brotli;
  private final ConcurrentHashMap<String, Future<Copy>> pending = new ConcurrentHashMap<>();

  /** Finished copies in access order, with their sizes; guarded by itself. */
  private final LinkedHashMap<String, Long> sizes = new LinkedHashMap<>(64, 0.75f, true);

  private long totalBytes;

  /**
   * @param folder where copies go; created, and emptied of earlier copies
   * @param maxBytes the bound on the copies' total size
   */
  public CompressedFiles(Vertx vertx, Path folder, long maxBytes, HttpCompression settings) {
    this.vertx = vertx;
    this.folder = folder;
    this.maxBytes = maxBytes;
    this.settings = settings;
    this.brotli = Brotli4jLoader.isAvailable();
    if (!brotli) {
      LOG.warn(
          "brotli is not available on this machine ({}); static files are gzipped only",
          String.valueOf(Brotli4jLoader.getUnavailabilityCause()));
    }
    try {
      Files.createDirectories(folder);
      try (var old = Files.newDirectoryStream(folder)) {
        for (Path copy : old) {
          Files.deleteIfExists(copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the compressed-file folder " + folder, e);
    }
  }

  /** IIS's {@code maxDiskSpaceUsage} default: 100 MB of compressed copies. */
  public static final long IIS_MAX_DISK_SPACE = 100L * 1024 * 1024;

  /**
   * Copies in a new folder under the system's temporary folder, removed by {@link #close}; null
   * (nothing is compressed, with a warning) when no folder can be made there.
   */
  public static CompressedFiles inTemporaryFolder(Vertx vertx) {
    try {
      Path folder = Files.createTempDirectory("webgarden-compressed-");
      return new CompressedFiles(vertx, folder, IIS_MAX_DISK_SPACE, HttpCompression.IIS_DEFAULTS);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn(
          "static files are not compressed: no folder for compressed copies ({})", e.toString());
      return null;
    }
  }

  /** Removes the copies and their folder; for the sidecar's shutdown, after the last request. */
  public void close() {
    synchronized (sizes) {
      try (var copies = Files.newDirectoryStream(folder)) {
        for (Path copy : copies) {
          Files.deleteIfExists(copy);
        }
        Files.deleteIfExists(folder);
      } catch (IOException e) {
        LOG.warn("could not remove the compressed copies in {}: {}", folder, e.toString());
      }
      sizes.clear();
      totalBytes = 0;
    }
  }

  /** A compressed copy and its size. */
  public record Copy(Path path, long size) {}

  /** Whether brotli can be offered. */
  public boolean brotli() {
    return brotli;
  }

  public HttpCompression settings() {
    return settings;
  }

  /** The largest file worth a copy: one that would not push most others out. */
  public long maxFileSize() {
    return maxBytes / 4;
  }

  /**
   * The compressed copy of a file, made on a worker thread if there is none yet.
   *
   * @param size the size the caller stat'ed; a copy made from a file that changed meanwhile is
   *     keyed by the stat it was made under, so a later stat finds it stale
   */
  public Future<Copy> copy(Path file, long size, long modifiedMillis, ContentCoding coding) {
    String key = key(file, size, modifiedMillis, coding);
    Path target = folder.resolve(key + coding.suffix());
    synchronized (sizes) {
      Long known = sizes.get(key);
      if (known != null) {
        return Future.succeededFuture(new Copy(target, known));
      }
    }
    Promise<Copy> made = Promise.promise();
    Future<Copy> earlier = pending.putIfAbsent(key, made.future());
    if (earlier != null) {
      return earlier;
    }
    // The work may finish before this method returns, so its entry is removed outside any
    // map operation on the same key (removing it inside computeIfAbsent threw "Recursive
    // update" whenever the copy was made that fast), and before waiters hear of it.
    vertx
        .executeBlocking(
            () -> {
              long bytes = compress(file, target, coding);
              remember(key, bytes);
              return new Copy(target, bytes);
            },
            false)
        .onComplete(
            done -> {
              pending.remove(key, made.future());
              made.handle(done);
            });
    return made.future();
  }

  private long compress(Path file, Path target, ContentCoding coding) throws IOException {
    Path partial = Files.createTempFile(folder, "partial-", coding.suffix());
    try {
      try (InputStream in = Files.newInputStream(file);
          OutputStream out =
              StreamEncoder.open(
                  Files.newOutputStream(partial), coding, settings, 64 * 1024, false)) {
        in.transferTo(out);
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Files.size(target);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private void remember(String key, long bytes) throws IOException {
    synchronized (sizes) {
      Long replaced = sizes.put(key, bytes);
      // Made twice when a request asked just as the first copy was done: counted once.
      totalBytes += bytes - (replaced == null ? 0 : replaced);
      Iterator<Map.Entry<String, Long>> oldest = sizes.entrySet().iterator();
      while (totalBytes > maxBytes && oldest.hasNext()) {
        Map.Entry<String, Long> entry = oldest.next();
        if (entry.getKey().equals(key)) {
          continue;
        }
        oldest.remove();
        totalBytes -= entry.getValue();
        // A response may still be sending it; on Linux an open file outlives its name.
        for (ContentCoding coding : ContentCoding.values()) {
          Files.deleteIfExists(folder.resolve(entry.getKey() + coding.suffix()));
        }
      }
    }
  }

  /** The copies' total size now, for tests and metrics. */
  public long totalBytes() {
    synchronized (sizes) {
      return totalBytes;
    }
  }

  private static String key(Path file, long size, long modifiedMillis, ContentCoding coding) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(
          (file.toAbsolutePath() + "\n" + size + "\n" + modifiedMillis + "\n" + coding.token())
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
