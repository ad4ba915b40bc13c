package io.webgarden.sidecar.logs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an application's log folder is: {@code <app folder>/<logDirectory>} when that can be
 * written, else a folder of its own under {@code logRoot}, because in Kubernetes the app folder is
 * often a read-only ConfigMap or image volume.
 */
final class LogPlacement {
  private static final Logger LOG = LoggerFactory.getLogger(LogPlacement.class);
  private static final String DEFAULT_DIRECTORY = "iisnode";
  private static final int MAX_SLUG = 64;

  private final Path primary;
  private final Path fallback;

  LogPlacement(String application, Path appFolder, LogSettings settings) {
    this.primary = primary(application, appFolder.toAbsolutePath().normalize(), settings);
    this.fallback = fallback(settings.root(), application);
  }

  Path primary() {
    return primary;
  }

  Path fallback() {
    return fallback;
  }

  /**
   * The folder to use before anything has been created, judged from the disk without changing it:
   * the primary one unless it visibly cannot be written (a read-only folder, or a file in its
   * place). Creating it may still fail (as root, a read-only mode bit stops nothing, but a
   * read-only mount does); {@link LogFolder} then moves to the fallback.
   */
  Path preferred() {
    if (Files.isDirectory(primary)) {
      return Files.isWritable(primary) ? primary : fallback;
    }
    if (Files.exists(primary, LinkOption.NOFOLLOW_LINKS)) {
      return fallback;
    }
    Path existing = primary.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null && Files.isDirectory(existing) && Files.isWritable(existing)
        ? primary
        : fallback;
  }

  private static Path primary(String application, Path appFolder, LogSettings settings) {
    Path candidate = appFolder.resolve(settings.directory()).normalize();
    if (candidate.startsWith(appFolder) && !candidate.equals(appFolder)) {
      return candidate;
    }
    // logDirectory is relative by definition; one that leaves the app folder would let a
    // web.config write (and serve) files anywhere the sidecar can.
    LOG.warn(
        "{}: logDirectory '{}' is not a folder inside the application's folder; using '{}'",
        application,
        settings.directory(),
        DEFAULT_DIRECTORY);
    return appFolder.resolve(DEFAULT_DIRECTORY);
  }

  /**
   * {@code <logRoot>/webgarden-logs/<readable name>-<hash>}: readable for people browsing the
   * folder, and the hash of the exact name keeps {@code /a_b.js} and {@code /a/b.js} apart.
   */
  static Path fallback(Path root, String application) {
    String slug = application.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[_.]+", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(slug.length() - MAX_SLUG);
    }
    String hash = HexFormat.of().formatHex(sha256(application), 0, 4);
    return root.toAbsolutePath()
        .normalize()
        .resolve("webgarden-logs")
        .resolve(slug.isEmpty() ? hash : slug + "-" + hash);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
