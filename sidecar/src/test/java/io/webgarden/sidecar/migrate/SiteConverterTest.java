package io.webgarden.sidecar.migrate;

import static io.webgarden.sidecar.migrate.TestSites.at;
import static io.webgarden.sidecar.migrate.TestSites.handler;
import static io.webgarden.sidecar.migrate.TestSites.parse;
import static io.webgarden.sidecar.migrate.TestSites.webConfig;
import static io.webgarden.sidecar.migrate.TestSites.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webgarden.sidecar.site.AzureNodeWebConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteConverterTest {
  @TempDir Path temp;

  private Path site(String name) throws Exception {
    return Files.createDirectories(temp.resolve(name));
  }

  private static Conversion convert(Path site) throws ConversionException {
    return new SiteConverter().convert(site, ConvertOptions.defaults());
  }

  @Test
  void azureGeneratedSiteKeepsItsWebConfigByteForByte() throws Exception {
    Path site = site("My Shop_2");
    write(site, "web.config", AzureNodeWebConfig.XML);
    write(site, "server.js", "require('http');");
    write(site, "public/index.html", "<p>hi</p>");

    Conversion conversion = convert(site);
    Map<String, Object> app = parse(conversion.yaml());

    assertThat(app)
        .containsEntry("apiVersion", "webgarden.io/v1alpha1")
        .containsEntry("kind", "App");
    assertThat((String) at(app, "metadata", "name")).isEqualTo("my-shop-2");
    assertThat((String) at(app, "spec", "entryPoint")).isEqualTo("server.js");
    assertThat((String) at(app, "spec", "webConfig")).isEqualTo(AzureNodeWebConfig.XML);
    assertThat((Object) at(app, "spec", "hosting")).isNull();
    assertThat((Object) at(app, "spec", "appSettings")).isNull();
    assertThat((String) at(app, "spec", "source", "image", "ref"))
        .isEqualTo("replace-me.invalid/my-shop-2-site:latest");
    assertThat(conversion.yaml()).contains("# TODO: replace the placeholder");
    assertThat(conversion.notices()).singleElement().asString().contains("placeholder");
  }

  @Test
  void iisnodeYmlOverridesWebConfigAndDefaultsAreLeftOut() throws Exception {
    Path site = site("app");
    write(
        site,
        "web.config",
        webConfig(
            handler("server.js")
                + "    <iisnode nodeProcessCountPerApplication=\"4\" maxPendingRequests=\"200\"\n"
                + "             loggingEnabled=\"false\" maxConcurrentRequestsPerProcess=\"1024\"\n"
                + "             node_env=\"production\" watchedFiles=\"*.js;*.mjs;*.cjs;iisnode.yml\"/>\n",
            ""));
    write(
        site,
        "iisnode.yml",
        "# overrides\nnodeProcessCountPerApplication: 2\n"
            + "debugPortRange: 6000-6100\nmaxPendingRequests: 1000\n");
    write(site, "server.js", "");

    Map<String, Object> hosting = at(parse(convert(site).yaml()), "spec", "hosting");

    // Typed as the CRD types them; in the settings table's order.
    assertThat(new LinkedHashMap<>(hosting))
        .containsExactly(
            Map.entry("node_env", "production"),
            Map.entry("nodeProcessCountPerApplication", 2),
            Map.entry("loggingEnabled", false),
            Map.entry("debuggerPortRange", "6000-6100"));
  }

  @Test
  void eachHostingValueNamesWhereItCameFrom() throws Exception {
    Path site = site("app");
    write(
        site,
        "web.config",
        webConfig(
            handler("server.js") + "    <iisnode\n      maxPendingRequests=\"200\" />\n", ""));
    write(site, "iisnode.yml", "\nnodeProcessCountPerApplication: 3\n");
    write(site, "server.js", "");

    assertThat(convert(site).yaml())
        .contains("    nodeProcessCountPerApplication: 3 # iisnode.yml:2\n")
        .contains("    maxPendingRequests: 200 # web.config:8\n");
  }

  @Test
  void configOverridesNamesTheFileThatOverrides() throws Exception {
    Path site = site("app");
    write(
        site,
        "web.config",
        webConfig(handler("server.js") + "    <iisnode configOverrides=\"hosting.yml\"/>\n", ""));
    write(site, "hosting.yml", "maxPendingRequests: 7\n");
    write(site, "iisnode.yml", "maxPendingRequests: 9\n");
    write(site, "server.js", "");

    Map<String, Object> hosting = at(parse(convert(site).yaml()), "spec", "hosting");

    assertThat(hosting)
        .containsEntry("maxPendingRequests", 7)
        .containsEntry("configOverrides", "hosting.yml");
  }

  @Test
  void unsupportedUnknownAndInvalidSettingsAreReportedNotEmitted() throws Exception {
    Path site = site("app");
    write(
        site,
        "web.config",
        webConfig(
            handler("server.js")
                + "    <iisnode interceptor=\"&quot;%programfiles%\\iisnode\\interceptor.js&quot;\"\n"
                + "      idlePageOutTimePeriod=\"10000\" asyncCompletionThreadCount=\"4\"\n"
                + "      initialRequestBufferSize=\"8192\" debuggerExtensionDll=\"x.dll\"\n"
                + "      nodeprocesscountperapplication=\"2\" maxPendingRequests=\"lots\"/>\n",
            ""));
    write(site, "iisnode.yml", "noSuchSetting: 1\nenableXFF: true\n");
    write(site, "server.js", "");

    Conversion conversion = convert(site);

    assertThat((Map<String, Object>) at(parse(conversion.yaml()), "spec", "hosting"))
        .containsOnlyKeys("enableXFF");
    assertThat(conversion.notices())
        .anySatisfy(
            n -> assertThat(n).startsWith("web.config:7: interceptor is not supported on Linux"));
    for (String ignored :
        List.of(
            "idlePageOutTimePeriod",
            "asyncCompletionThreadCount",
            "initialRequestBufferSize",
            "debuggerExtensionDll")) {
      assertThat(conversion.notices())
          .anySatisfy(
              n ->
                  assertThat(n)
                      .contains(": " + ignored + " is not supported on Linux and was left out"));
    }
    assertThat(conversion.notices())
        .anySatisfy(
            n ->
                assertThat(n)
                    .startsWith(
                        "web.config:10: unknown iisnode attribute"
                            + " `nodeprocesscountperapplication`"))
        .anySatisfy(
            n ->
                assertThat(n)
                    .startsWith("web.config:10: maxPendingRequests must be a" + " whole number"))
        .anySatisfy(n -> assertThat(n).startsWith("iisnode.yml:1: unknown key `noSuchSetting`"));
  }

  @Test
  void appSettingsBecomeEnvironmentVariablesAndLeaveTheWebConfig() throws Exception {
    Path site = site("app");
    write(
        site,
        "web.config",
        webConfig(
            handler("server.js") + "    <iisnode nodeProcessCountPerApplication=\"2\" />\n",
            "  <appSettings>\n    <add key=\"DB\" value=\"Server=x;Password=&quot;p#1&quot;\"/>\n"
                + "    <add key=\"EMPTY\" value=\"\"/>\n    <add key=\"A=B\" value=\"1\"/>\n"
                + "  </appSettings>\n"));
    write(site, "server.js", "");

    Conversion conversion = convert(site);
    Map<String, Object> app = parse(conversion.yaml());

    assertThat((List<Object>) at(app, "spec", "appSettings"))
        .containsExactly(
            Map.of("name", "DB", "value", "Server=x;Password=\"p#1\""),
            Map.of("name", "EMPTY", "value", ""));
    assertThat(conversion.notices())
        .anySatisfy(n -> assertThat(n).contains("`A=B` left out"))
        .anySatisfy(n -> assertThat(n).contains("2 value(s) as plain text"));
    assertThat((String) at(app, "spec", "webConfig"))
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <system.webServer>\n"
                + handler("server.js")
                + "  </system.webServer>\n</configuration>\n");
  }

  @Test
  void windowsLineEndingsAndByteOrderMarkAreNormalised() throws Exception {
    Path site = site("app");
    String xml = "\uFEFF" + webConfig(handler("server.js"), "").replace("\n", "\r\n");
    write(site, "web.config", xml);
    write(site, "server.js", "");

    String webConfig = at(parse(convert(site).yaml()), "spec", "webConfig");

    assertThat(webConfig).isEqualTo(webConfig(handler("server.js"), ""));
  }

  @Test
  void severalApplicationsNeedAChoice() throws Exception {
    Path site = site("app");
    write(site, "web.config", webConfig(handler("*.js"), ""));
    write(site, "server.js", "");
    write(site, "worker.js", "");

    assertThatThrownBy(() -> convert(site))
        .isInstanceOf(ConversionException.class)
        .hasMessage(
            "the site has 2 node applications (server.js, worker.js) and an App runs one;"
                + " choose it with --entry-point <path>");

    Conversion chosen =
        new SiteConverter()
            .convert(
                site,
                new ConvertOptions(
                    Optional.of("shop"), Optional.of("worker.js"), Optional.of("r/s:1")));
    Map<String, Object> app = parse(chosen.yaml());
    assertThat((String) at(app, "spec", "entryPoint")).isEqualTo("worker.js");
    assertThat((String) at(app, "metadata", "name")).isEqualTo("shop");
    assertThat((String) at(app, "spec", "source", "image", "ref")).isEqualTo("r/s:1");
    assertThat(chosen.yaml()).doesNotContain("TODO");
    assertThat(chosen.notices()).noneSatisfy(n -> assertThat(n).contains("placeholder"));
  }

  @Test
  void theApplicationAtTheRootWinsOverSubfolderOnes() throws Exception {
    Path site = site("app");
    write(site, "web.config", webConfig(handler("server.js"), ""));
    write(site, "server.js", "");
    write(
        site,
        "api/web.config",
        webConfig(handler("api.js") + "    <iisnode nodeProcessCountPerApplication=\"8\"/>\n", ""));
    write(site, "api/api.js", "");

    Conversion conversion = convert(site);

    assertThat((String) at(parse(conversion.yaml()), "spec", "entryPoint")).isEqualTo("server.js");
    assertThat((Object) at(parse(conversion.yaml()), "spec", "hosting")).isNull();
    assertThat(conversion.notices())
        .anySatisfy(
            n ->
                assertThat(n)
                    .startsWith(
                        "api/web.config: its handlers, iisnode settings apply to api/ only and"
                            + " cannot go into spec.webConfig"));
  }

  @Test
  void aSubfolderApplicationTakesItsChainsSettings() throws Exception {
    Path site = site("app");
    write(site, "web.config", webConfig("    <iisnode maxPendingRequests=\"5\"/>\n", ""));
    write(
        site,
        "api/web.config",
        webConfig(handler("api.js") + "    <iisnode nodeProcessCountPerApplication=\"8\"/>\n", ""));
    write(site, "api/iisnode.yml", "maxPendingRequests: 6\n");
    write(site, "api/api.js", "");

    Conversion conversion = convert(site);
    Map<String, Object> app = parse(conversion.yaml());

    assertThat((String) at(app, "spec", "entryPoint")).isEqualTo("api/api.js");
    assertThat((Map<String, Object>) at(app, "spec", "hosting"))
        .containsEntry("maxPendingRequests", 6)
        .containsEntry("nodeProcessCountPerApplication", 8);
    assertThat(conversion.notices())
        .anySatisfy(n -> assertThat(n).startsWith("api/api.js is the only node application"))
        .anySatisfy(n -> assertThat(n).startsWith("api/web.config: its handlers apply to api/"));
  }

  @Test
  void aSiteWithoutApplicationsNeedsAnEntryPoint() throws Exception {
    Path site = site("app");
    write(site, "index.html", "");
    write(site, "app.js", "");

    assertThatThrownBy(() -> convert(site))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("no node application found")
        .hasMessageContaining("--entry-point");

    Conversion conversion =
        new SiteConverter()
            .convert(
                site,
                new ConvertOptions(Optional.empty(), Optional.of("app.js"), Optional.empty()));
    assertThat((Object) at(parse(conversion.yaml()), "spec", "webConfig")).isNull();
    assertThat(conversion.notices())
        .anySatisfy(n -> assertThat(n).startsWith("no iisnode handler maps app.js"))
        .anySatisfy(n -> assertThat(n).startsWith("the site root has no web.config"));
  }

  @Test
  void entryPointsOutsideTheSiteAreRefused() throws Exception {
    Path site = site("app");
    write(site, "server.js", "");
    for (String bad : List.of("../x.js", "/etc/passwd", "missing.js", ".")) {
      assertThatThrownBy(
              () ->
                  new SiteConverter()
                      .convert(
                          site,
                          new ConvertOptions(Optional.empty(), Optional.of(bad), Optional.empty())))
          .isInstanceOf(ConversionException.class)
          .hasMessageStartingWith("--entry-point " + bad);
    }
  }

  @Test
  void aMalformedWebConfigNamesFileAndLine() throws Exception {
    Path site = site("app");
    write(site, "web.config", webConfig(handler("server.js"), ""));
    Path broken =
        write(
            site,
            "admin/web.config",
            "<configuration>\n  <system.webServer>\n    <handlers>\n  </system.webServer>\n");
    write(site, "server.js", "");

    assertThatThrownBy(() -> convert(site))
        .isInstanceOf(ConversionException.class)
        .hasMessageStartingWith(broken + ":4:")
        .hasMessageContaining("not well-formed XML");
  }

  @Test
  void aMalformedIisnodeYmlNamesFileAndLine() throws Exception {
    Path site = site("app");
    write(site, "web.config", webConfig(handler("server.js"), ""));
    write(site, "iisnode.yml", "loggingEnabled: false\nthis is not a setting\n");
    write(site, "server.js", "");

    assertThatThrownBy(() -> convert(site))
        .isInstanceOf(ConversionException.class)
        .hasMessageStartingWith(site.resolve("iisnode.yml") + ":2: expected `key: value`");
  }
}
