package io.webgarden.operator.cli;

import picocli.CommandLine.IVersionProvider;

/** The jar's Implementation-Version, or "dev" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"webgarden-operator " + (version == null ? "dev" : version)};
  }
}
