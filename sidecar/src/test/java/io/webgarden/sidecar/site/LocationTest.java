package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.Resolution.DirectoryListing;
import io.webgarden.sidecar.site.Resolution.Filtered;
import io.webgarden.sidecar.site.Resolution.Refused;
import io.webgarden.sidecar.site.Resolution.StaticFile;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <location path="…">} applies its sections to that folder and below, as in IIS. */
class LocationTest {
  @TempDir Path root;
  private SiteFixture site;

  @BeforeEach
  void setUp() {
    site = new SiteFixture(root);
  }

  @Test
  void aLocationConfiguresItsFolderAndBelowAfterTheFileAndBeforeTheFolderOwnFile() {
    site.file(
        "web.config",
        """
        <configuration>
          <location path="files">
            <system.webServer><directoryBrowse enabled="true"/></system.webServer>
          </location>
          <location path="files/private">
            <system.webServer><security><requestFiltering>
              <fileExtensions allowUnlisted="false"/>
            </requestFiltering></security></system.webServer>
          </location>
          <location path="../outside">
            <system.webServer><directoryBrowse enabled="true"/></system.webServer>
          </location>
        </configuration>
        """);
    site.folder("files/deeper");
    site.folder("other");
    site.file("files/private/a.txt", "");
    site.file("files/public.txt", "");
    site.folder("closed");
    site.webConfig("closed", "<directoryBrowse enabled=\"false\"/>");

    assertThat(site.get("/files/")).isInstanceOf(DirectoryListing.class);
    assertThat(site.get("/files/deeper/")).isInstanceOf(DirectoryListing.class);
    assertThat(site.get("/FILES/"))
        .as("no such folder on Linux")
        .isNotInstanceOf(DirectoryListing.class);
    assertThat(site.get("/other/")).isInstanceOf(Refused.class);
    assertThat(site.get("/files/public.txt")).isInstanceOf(StaticFile.class);
    assertThat(site.get("/files/private/a.txt")).isInstanceOf(Filtered.class);

    WebConfig parsed = site.resolver().configs().forFolder(root).chain().get(0);
    assertThat(parsed.locations()).containsOnlyKeys("files", "files/private");
    assertThat(parsed.notes()).anySatisfy(note -> assertThat(note).contains("../outside"));
  }

  @Test
  void theFolderOwnWebConfigOverridesTheLocationOfItsParent() {
    site.file(
        "web.config",
        """
        <configuration><location path="files">
          <system.webServer><directoryBrowse enabled="true"/></system.webServer>
        </location></configuration>
        """);
    site.webConfig("files", "<directoryBrowse enabled=\"false\"/>");
    assertThat(site.get("/files/")).isInstanceOf(Refused.class);
  }
}
