package io.webgarden.sidecar.logs;

import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import java.nio.file.Path;

/**
 * The settings this package reads, taken once from an application's {@link Settings} so the rest of
 * the package works with plain typed values (and tests can build one directly).
 *
 * @param enabled {@code loggingEnabled}: capture output to files; off, lines only go to stdout
 * @param directory {@code logDirectory}: the log folder, relative to the application's folder
 * @param maxFileBytes {@code maxLogFileSizeInKB} in bytes: a file reaching it is rolled over
 * @param maxTotalBytes {@code maxTotalLogFileSizeInKB} in bytes: above it idle files are deleted
 * @param maxFiles {@code maxLogFiles}: above this count idle files are deleted
 * @param accessToken {@code logAccessToken}; empty means the logs are served to anyone
 * @param root {@code logRoot}, already resolved: the system temp folder when the setting is empty
 * @param format {@code logFormat}
 * @param accessLogEnabled {@code accessLogEnabled}
 */
public record LogSettings(
    boolean enabled,
    String directory,
    long maxFileBytes,
    long maxTotalBytes,
    int maxFiles,
    String accessToken,
    Path root,
    LogFormat format,
    boolean accessLogEnabled) {

  public LogSettings {
    if (maxFileBytes < 1 || maxTotalBytes < 1 || maxFiles < 1) {
      throw new IllegalArgumentException("log quotas must be positive");
    }
    accessToken = accessToken == null ? "" : accessToken;
  }

  /** Reads the log settings of one application. */
  public static LogSettings from(Settings settings) {
    String root = settings.string(Setting.LOG_ROOT);
    return new LogSettings(
        settings.bool(Setting.LOGGING_ENABLED),
        settings.string(Setting.LOG_DIRECTORY),
        settings.integer(Setting.MAX_LOG_FILE_SIZE_IN_KB) * 1024L,
        settings.integer(Setting.MAX_TOTAL_LOG_FILE_SIZE_IN_KB) * 1024L,
        settings.integer(Setting.MAX_LOG_FILES),
        settings.string(Setting.LOG_ACCESS_TOKEN),
        Path.of(root.isEmpty() ? System.getProperty("java.io.tmpdir") : root),
        LogFormat.of(settings.string(Setting.LOG_FORMAT)),
        settings.bool(Setting.ACCESS_LOG_ENABLED));
  }

  /** Whether serving these logs requires a token. */
  public boolean tokenRequired() {
    return !accessToken.isEmpty();
  }
}
