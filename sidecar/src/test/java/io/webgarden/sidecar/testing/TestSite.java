package io.webgarden.sidecar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a site folder for a test: real files under a temporary root. */
public final class TestSite {
  private final Path root;

  public TestSite(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public TestSite file(String relativePath, String content) {
    try {
      Path file = root.resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A web.config whose system.webServer element holds {@code webServer}. */
  public static String webConfig(String webServer) {
    return "<configuration>\n<system.webServer>\n"
        + webServer
        + "\n</system.webServer>\n</configuration>\n";
  }

  /** A web.config declaring {@code script} (a file name or wildcard) as the iisnode handler. */
  public TestSite handler(String folder, String script, String iisnodeAttributes) {
    return file(
        folder.isEmpty() ? "web.config" : folder + "/web.config",
        """
        <configuration>
          <system.webServer>
            <handlers>
              <add name="iisnode" path="%s" verb="*" modules="iisnode"/>
            </handlers>
            <iisnode %s/>
          </system.webServer>
        </configuration>
        """
            .formatted(script, iisnodeAttributes));
  }
}
