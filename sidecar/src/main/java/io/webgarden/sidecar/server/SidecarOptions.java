package io.webgarden.sidecar.server;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a sidecar is started: the command line's values.
 *
 * @param host the address application traffic is served on
 * @param adminHost the address the admin endpoints are served on
 * @param adminPort 0 disables the admin server
 */
public record SidecarOptions(
    Path siteDir,
    String host,
    int port,
    String adminHost,
    int adminPort,
    Optional<Path> settingsFile) {
  /** Admin endpoints on the same address as application traffic. */
  public SidecarOptions(
      Path siteDir, String host, int port, int adminPort, Optional<Path> settingsFile) {
    this(siteDir, host, port, host, adminPort, settingsFile);
  }
}
