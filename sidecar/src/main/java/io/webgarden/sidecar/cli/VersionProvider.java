package io.webgarden.sidecar.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar's manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = SidecarCommand.class.getPackage().getImplementationVersion();
    return new String[] {"webgarden-sidecar " + (version == null ? "(development build)" : version)};
  }
}
