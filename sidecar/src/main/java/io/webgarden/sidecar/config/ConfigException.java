package io.webgarden.sidecar.config;

import java.nio.file.Path;

/**
 * A configuration mistake, located: which file, which line (0 when the source has no lines, such as
 * an environment variable) and what to do about it.
 */
public final class ConfigException extends Exception {
  private final String source;
  private final int line;
  private final String problem;

  public ConfigException(String source, int line, String problem) {
    super(format(source, line, problem));
    this.source = source;
    this.line = line;
    this.problem = problem;
  }

  public ConfigException(Path file, int line, String problem) {
    this(file.toString(), line, problem);
  }

  private static String format(String source, int line, String problem) {
    return line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem;
  }

  /** The file (or variable) that holds the mistake. */
  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  public String problem() {
    return problem;
  }
}
