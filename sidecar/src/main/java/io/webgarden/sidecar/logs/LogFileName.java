package io.webgarden.sidecar.logs;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one log file: {@code <host>-<pid>-<stream>-<startMillis>.txt} as iisnode named them,
 * then {@code …-<startMillis>-<sequence>.txt} for the files a rollover continues in. Host, pid and
 * start time make a name unique per process and start, even across pods writing to one folder.
 *
 * <p>The name is also the only thing the HTTP side accepts in a URL: a path segment that does not
 * parse as one is not a log file, which rules out traversal and other files in the folder.
 */
record LogFileName(String host, long pid, String stream, long startMillis, int sequence) {
  private static final Pattern PATTERN =
      Pattern.compile(
          "([A-Za-z0-9._]+(?:-[A-Za-z0-9._]+)*?)-(\\d{1,19})-(stdout|stderr)"
              + "-(\\d{1,19})(?:-([1-9]\\d{0,8}))?\\.txt");
  private static final Pattern UNSAFE_HOST = Pattern.compile("[^A-Za-z0-9._-]+");

  /** Creation order: start time, then process, stream and sequence, for a stable sort. */
  static final Comparator<LogFileName> CREATION_ORDER =
      Comparator.comparingLong(LogFileName::startMillis)
          .thenComparingLong(LogFileName::pid)
          .thenComparing(LogFileName::stream)
          .thenComparingInt(LogFileName::sequence)
          .thenComparing(LogFileName::host);

  String fileName() {
    String base = host + "-" + pid + "-" + stream + "-" + startMillis;
    return (sequence == 0 ? base : base + "-" + sequence) + ".txt";
  }

  LogFileName next() {
    return new LogFileName(host, pid, stream, startMillis, sequence + 1);
  }

  static Optional<LogFileName> parse(String name) {
    Matcher m = PATTERN.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new LogFileName(
              m.group(1),
              Long.parseLong(m.group(2)),
              m.group(3),
              Long.parseLong(m.group(4)),
              m.group(5) == null ? 0 : Integer.parseInt(m.group(5))));
    } catch (NumberFormatException e) {
      return Optional.empty(); // nineteen digits can still overflow a long
    }
  }

  /**
   * A host name as it may appear in a file name: letters, digits, dots, underscores and single
   * dashes, so that the name parses back to the same parts.
   */
  static String safeHost(String host) {
    String safe = UNSAFE_HOST.matcher(host == null ? "" : host).replaceAll("_");
    safe = safe.replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
    return safe.isEmpty() ? "host" : safe;
  }
}
