package io.webgarden.sidecar.server;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a sidecar is started: the command line's values.
 *
 * @param adminPort 0 disables the admin server
 */
public record SidecarOptions(Path siteDir, String host, int port, int adminPort,
    Optional<Path> settingsFile) {}
