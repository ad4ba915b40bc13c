package io.webgarden.sidecar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints the version and commit the build wrote into {@code webgarden-version.properties}. */
final class VersionProvider implements IVersionProvider {
  private static final String RESOURCE = "/webgarden-version.properties";

  @Override
  public String[] getVersion() throws IOException {
    Properties build = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        build.load(in);
      }
    }
    return new String[] {
      "webgarden-sidecar "
          + value(build, "version", "(unknown version)")
          + " (commit "
          + value(build, "commit", "unknown")
          + ")"
    };
  }

  /** A value the build did not fill in (no git, or an IDE's unfiltered copy) is unknown. */
  private static String value(Properties build, String key, String unknown) {
    String value = build.getProperty(key, "");
    return value.isBlank() || value.startsWith("${") ? unknown : value;
  }
}
