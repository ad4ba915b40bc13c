package io.webgarden.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {
  @TempDir Path folder;

  private static RawSetting attr(String key, String value) {
    return new RawSetting(key, value, "/site/web.config", 7);
  }

  @Test
  void defaultsAreIisnodes() throws Exception {
    Settings settings =
        SettingsResolver.create(Optional.empty(), Map.of()).resolve(List.of(), Optional.empty());
    assertThat(settings.integer(Setting.MAX_CONCURRENT_REQUESTS_PER_PROCESS)).isEqualTo(1024);
    assertThat(settings.integer(Setting.NODE_PROCESS_COUNT_PER_APPLICATION)).isEqualTo(1);
    assertThat(settings.string(Setting.WATCHED_FILES)).isEqualTo("*.js;*.mjs;*.cjs;iisnode.yml");
    assertThat(settings.bool(Setting.DEV_ERRORS_ENABLED)).isTrue();
    assertThat(settings.integer(Setting.MAX_PENDING_REQUESTS)).isEqualTo(1000);
  }

  @Test
  void layersApplyInOrderWebConfigYmlFileEnvironment() throws Exception {
    Files.writeString(
        folder.resolve("iisnode.yml"),
        "maxLogFiles: 30\nmaxPendingRequests: 7\ndebugPortRange: 6000-6010\nunknownKey: x\n");
    Path settingsFile =
        Files.writeString(
            folder.resolve("settings.yml"),
            "maxPendingRequests: 8\n" + "pendingRequestTimeout: 9\n");
    SettingsResolver resolver =
        SettingsResolver.create(
            Optional.of(settingsFile), Map.of("IISNODE_pendingRequestTimeout", "10"));

    Settings settings =
        resolver.resolve(
            List.of(attr("maxLogFiles", "25"), attr("enableXFF", "True")), Optional.of(folder));

    assertThat(settings.integer(Setting.MAX_LOG_FILES)).isEqualTo(30);
    assertThat(settings.integer(Setting.MAX_PENDING_REQUESTS)).isEqualTo(8);
    assertThat(settings.integer(Setting.PENDING_REQUEST_TIMEOUT)).isEqualTo(10);
    assertThat(settings.string(Setting.DEBUGGER_PORT_RANGE)).isEqualTo("6000-6010");
    assertThat(settings.bool(Setting.ENABLE_XFF)).isTrue();
  }

  @Test
  void configOverridesNamesTheYmlFile() throws Exception {
    Files.writeString(folder.resolve("custom.yml"), "maxLogFiles: 3\n");
    Settings settings =
        SettingsResolver.create(Optional.empty(), Map.of())
            .resolve(List.of(attr("configOverrides", "custom.yml")), Optional.of(folder));
    assertThat(settings.integer(Setting.MAX_LOG_FILES)).isEqualTo(3);
  }

  @Test
  void unknownWebConfigAttributeIsAnErrorNamingFileAndLine() {
    assertThatThrownBy(
            () ->
                SettingsResolver.create(Optional.empty(), Map.of())
                    .resolve(List.of(attr("nodeProcessCount", "2")), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/site/web.config:7")
        .hasMessageContaining("unknown iisnode attribute `nodeProcessCount`")
        .hasMessageContaining("did you mean `nodeProcessCountPerApplication`?");
  }

  @Test
  void anUnknownYmlKeyIsAWarningNamingTheNearestSetting() throws Exception {
    Files.writeString(
        folder.resolve("iisnode.yml"),
        "# typo\nnodeProcesCountPerApplication: 3\n" + "maxlogfiles: 4\n");
    Settings settings =
        SettingsResolver.create(Optional.empty(), Map.of()).resolve(List.of(), Optional.of(folder));
    assertThat(settings.integer(Setting.NODE_PROCESS_COUNT_PER_APPLICATION)).isEqualTo(1);
    assertThat(settings.warnings())
        .containsExactly(
            folder.resolve("iisnode.yml")
                + ":2: unknown setting `nodeProcesCountPerApplication`"
                + " ignored; did you mean `nodeProcessCountPerApplication`? (names are"
                + " case-sensitive; see docs/configuration.md)",
            folder.resolve("iisnode.yml")
                + ":3: unknown setting `maxlogfiles` ignored; did you"
                + " mean `maxLogFiles`? (names are case-sensitive; see docs/configuration.md)");
  }

  @Test
  void badValuesSayWhatIsExpected() throws Exception {
    Files.writeString(folder.resolve("iisnode.yml"), "\n# c\nloggingEnabled: yes\n");
    assertThatThrownBy(
            () ->
                SettingsResolver.create(Optional.empty(), Map.of())
                    .resolve(List.of(), Optional.of(folder)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("iisnode.yml:3")
        .hasMessageContaining("loggingEnabled must be true or false, not `yes`")
        .hasMessageContaining("iisnode was unable to read the configuration file iisnode.yml");
    assertThatThrownBy(
            () ->
                SettingsResolver.create(Optional.empty(), Map.of())
                    .resolve(
                        List.of(attr("nodeProcessCountPerApplication", "5000")), Optional.empty()))
        .hasMessageContaining("must be from 0 to 1024, not 5000");
    assertThatThrownBy(
            () ->
                SettingsResolver.create(Optional.empty(), Map.of())
                    .resolve(List.of(attr("maxLogFiles", "many")), Optional.empty()))
        .hasMessageContaining("maxLogFiles must be a whole number of at least 1, not `many`");
    assertThatThrownBy(
            () ->
                SettingsResolver.create(Optional.empty(), Map.of())
                    .resolve(List.of(attr("logFormat", "xml")), Optional.empty()))
        .hasMessageContaining("logFormat must be one of text, json, not `xml`");
  }

  @Test
  void aYmlLineWithoutAKeyIsAnError() throws Exception {
    Files.writeString(folder.resolve("iisnode.yml"), "maxLogFiles: 3\njust some words\n");
    assertThatThrownBy(
            () ->
                SettingsResolver.create(Optional.empty(), Map.of())
                    .resolve(List.of(), Optional.of(folder)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("iisnode.yml:2")
        .hasMessageContaining("expected `key: value`")
        .hasMessageContaining(
            "iisnode was unable to read the configuration file iisnode.yml\": "
                + folder.resolve("iisnode.yml")
                + ", line 2: expected `key: value`");
  }

  @Test
  void badEnvironmentOrSettingsFileFailsAtCreation() throws Exception {
    assertThatThrownBy(
            () ->
                SettingsResolver.create(
                    Optional.empty(), Map.of("IISNODE_maxPendingRequests", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("IISNODE_maxPendingRequests");
    Path settingsFile = Files.writeString(folder.resolve("s.yml"), "flushResponse: maybe\n");
    assertThatThrownBy(() -> SettingsResolver.create(Optional.of(settingsFile), Map.of()))
        .hasMessageContaining("s.yml:1");
  }

  @Test
  void productionHidesErrorsAndNeverDebugs() throws Exception {
    Settings production =
        SettingsResolver.create(Optional.empty(), Map.of("NODE_ENV", "production"))
            .resolve(List.of(), Optional.empty());
    assertThat(production.bool(Setting.DEV_ERRORS_ENABLED)).isFalse();
    assertThat(production.bool(Setting.DEBUGGING_ENABLED)).isFalse();
    assertThat(production.string(Setting.NODE_ENV)).isEqualTo("production");

    Settings explicit =
        SettingsResolver.create(Optional.empty(), Map.of())
            .resolve(
                List.of(
                    attr("node_env", "production"),
                    attr("devErrorsEnabled", "true"),
                    attr("debuggingEnabled", "true")),
                Optional.empty());
    assertThat(explicit.bool(Setting.DEV_ERRORS_ENABLED)).isTrue();
    assertThat(explicit.bool(Setting.DEBUGGING_ENABLED)).isFalse();
  }
}
