package io.webgarden.sidecar.site;

import java.nio.file.Path;

/**
 * A web.config that cannot be used: malformed XML, or a value the site model cannot work with. The
 * message names the file, line and column and says how to fix it.
 */
public final class WebConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final int column;
  private final String problem;

  public WebConfigException(Path file, int line, int column, String problem, Throwable cause) {
    super(file + ":" + line + (column > 0 ? ":" + column : "") + ": " + problem, cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  /** 1-based; 0 when the file could not be read at all. */
  public int line() {
    return line;
  }

  /** 1-based; 0 when unknown. */
  public int column() {
    return column;
  }

  /** The problem and its fix, without the location prefix. */
  public String problem() {
    return problem;
  }
}
