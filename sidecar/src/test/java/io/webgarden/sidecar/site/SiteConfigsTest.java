package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteConfigsTest {
  @TempDir Path root;
  private SiteFixture site;
  private SiteConfigs configs;

  @BeforeEach
  void setUp() {
    site = new SiteFixture(root);
    configs = site.resolver().configs();
  }

  private static String withAppSettings(String appSettings, String webServer) {
    return "<configuration><appSettings>"
        + appSettings
        + "</appSettings><system.webServer>"
        + webServer
        + "</system.webServer></configuration>";
  }

  @Test
  void aFolderWithoutWebConfigInheritsItsParents() {
    site.webConfig("", SiteFixture.iisnodeHandler("*.js"));
    site.folder("a/b");

    SiteConfig config = configs.forFolder(Path.of("a/b"));

    assertThat(config.chain())
        .extracting(WebConfig::file)
        .containsExactly(root.resolve("web.config"));
    assertThat(config.handlers()).extracting(HandlerMapping::path).containsExactly("*.js");
    assertThat(config.folder()).isEqualTo(root.resolve("a/b"));
  }

  @Test
  void nearerFilesOverrideSettingsAndEditCollections() {
    site.file(
        "web.config",
        withAppSettings(
            "<add key='A' value='root'/><add key='B' value='root'/><add key='C' value='root'/>",
            "<iisnode nodeProcessCountPerApplication='1' loggingEnabled='false'/>"
                + "<handlers><add name='js' path='*.js' verb='*' modules='iisnode'/>"
                + "<add name='static' path='*' verb='*' modules='StaticFileModule'/></handlers>"
                + "<defaultDocument><files><add value='server.js'/></files></defaultDocument>"));
    site.file(
        "app/web.config",
        withAppSettings(
            "<remove key='b'/><add key='a' value='app'/><add key='D' value='app'/>",
            "<iisnode nodeProcessCountPerApplication='4'/><handlers><remove name='static'/><add"
                + " name='njs' path='*.njs' verb='GET'"
                + " modules='iisnode'/></handlers><defaultDocument enabled='false'><files><remove"
                + " value='index.html'/><add value='home.html'/></files></defaultDocument>"));

    SiteConfig config = configs.forFolder(root.resolve("app"));

    assertThat(config.appSettings())
        .containsExactly(Map.entry("C", "root"), Map.entry("a", "app"), Map.entry("D", "app"));
    assertThat(config.iisnodeAttributes().get("nodeProcessCountPerApplication"))
        .isEqualTo(new Located("4", root.resolve("app/web.config"), 1));
    assertThat(config.iisnodeAttributes().get("loggingEnabled").file())
        .isEqualTo(root.resolve("web.config"));
    // handlers and default documents: the nearer file's entries come first (mergeAppend=false)
    assertThat(config.handlers()).extracting(HandlerMapping::name).containsExactly("njs", "js");
    assertThat(config.defaultDocuments())
        .containsExactly(
            "home.html",
            "server.js",
            "Default.htm",
            "Default.asp",
            "index.htm",
            "iisstart.htm",
            "default.aspx");
    assertThat(config.defaultDocumentEnabled()).isFalse();
    assertThat(configs.forFolder(root).defaultDocumentEnabled()).isTrue();
  }

  @Test
  void clearDropsEverythingInherited() {
    site.file(
        "web.config",
        withAppSettings(
            "<add key='A' value='1'/>",
            SiteFixture.iisnodeHandler("server.js")
                + "<applicationInitialization><add"
                + " initializationPage='/a'/></applicationInitialization>"));
    site.file(
        "sub/web.config",
        withAppSettings(
            "<clear/><add key='B' value='2'/>",
            "<handlers><clear/></handlers><defaultDocument><files><clear/><add"
                + " value='only.html'/></files></defaultDocument><applicationInitialization><clear/><add"
                + " initializationPage='/b'/></applicationInitialization>"));

    SiteConfig config = configs.forFolder(Path.of("sub"));

    assertThat(config.appSettings()).containsOnlyKeys("B");
    assertThat(config.handlers()).isEmpty();
    assertThat(config.hasIisnodeHandlers()).isFalse();
    assertThat(config.defaultDocuments()).containsExactly("only.html");
    assertThat(config.initializationPages())
        .extracting(InitializationPage::page)
        .containsExactly("/b");
  }

  @Test
  void anEditedFileIsReadAgainOnTheNextLookup() throws Exception {
    Path file = site.webConfig("", SiteFixture.iisnodeHandler("a.js"));
    assertThat(configs.forFolder(root).handlers())
        .extracting(HandlerMapping::path)
        .containsExactly("a.js");
    SiteConfig cached = configs.forFolder(root);
    assertThat(configs.forFolder(root)).isSameAs(cached);

    site.webConfig("", SiteFixture.iisnodeHandler("bb.js"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(configs.forFolder(root).handlers())
        .extracting(HandlerMapping::path)
        .containsExactly("bb.js");
  }

  @Test
  void aNewWebConfigInASubfolderIsSeenAndADeletedOneForgotten() throws Exception {
    site.webConfig("", SiteFixture.iisnodeHandler("a.js"));
    Path sub = site.folder("sub");
    assertThat(configs.forFolder(sub).chain()).hasSize(1);

    Path subConfig = site.webConfig("sub", SiteFixture.iisnodeHandler("b.js"));
    Files.setLastModifiedTime(sub, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(configs.forFolder(sub).chain()).hasSize(2);

    Files.delete(subConfig);
    assertThat(configs.forFolder(sub).chain()).hasSize(1);
  }

  @Test
  void invalidateForgetsWhatAStatCannotSee() throws Exception {
    Path file = site.webConfig("", SiteFixture.iisnodeHandler("a.js"));
    FileTime time = Files.getLastModifiedTime(file);
    configs.forFolder(root);

    site.webConfig("", SiteFixture.iisnodeHandler("b.js")); // same size, same time below
    Files.setLastModifiedTime(file, time);
    assertThat(configs.forFolder(root).handlers())
        .extracting(HandlerMapping::path)
        .containsExactly("a.js");

    configs.invalidate(root);
    assertThat(configs.forFolder(root).handlers())
        .extracting(HandlerMapping::path)
        .containsExactly("b.js");

    site.webConfig("", SiteFixture.iisnodeHandler("c.js"));
    Files.setLastModifiedTime(file, time);
    configs.invalidateAll();
    assertThat(configs.forFolder(root).handlers())
        .extracting(HandlerMapping::path)
        .containsExactly("c.js");
  }

  @Test
  void aBrokenFileOnTheChainMakesTheFolderBroken() {
    site.file("web.config", "<configuration><system.webServer>");
    site.folder("sub");

    SiteConfig config = configs.forFolder(Path.of("sub"));

    assertThat(config.configError())
        .hasValueSatisfying(
            error -> {
              assertThat(error.file()).isEqualTo(root.resolve("web.config"));
              assertThat(error.line()).isEqualTo(1);
            });
  }

  @Test
  void visualStudiosCapitalisedWebConfigCounts() {
    site.file(
        "Web.config",
        "<configuration><appSettings><add key='K' value='v'/></appSettings></configuration>");

    assertThat(configs.forFolder(root).appSettings()).containsEntry("K", "v");
  }
}
