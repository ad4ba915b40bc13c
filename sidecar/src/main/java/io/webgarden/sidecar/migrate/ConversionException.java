package io.webgarden.sidecar.migrate;

/**
 * The site cannot be converted as it stands: a malformed web.config or iisnode.yml (the message
 * names file and line), no node application or several to choose from, a bad option value. The
 * message is one line that says what to do.
 */
public final class ConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConversionException(String message) {
    super(message);
  }
}
