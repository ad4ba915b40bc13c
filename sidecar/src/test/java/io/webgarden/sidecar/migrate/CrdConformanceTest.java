package io.webgarden.sidecar.migrate;

import static io.webgarden.sidecar.migrate.TestSites.at;
import static io.webgarden.sidecar.migrate.TestSites.handler;
import static io.webgarden.sidecar.migrate.TestSites.parse;
import static io.webgarden.sidecar.migrate.TestSites.webConfig;
import static io.webgarden.sidecar.migrate.TestSites.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.SettingType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest against the committed CRD (crds/apps.webgarden.io-v1.yml), read as YAML. */
class CrdConformanceTest {
  private static Map<String, Object> specSchema;
  private static Map<String, Object> hostingSchema;

  @TempDir Path site;

  @BeforeAll
  static void readCrd() throws Exception {
    Map<String, Object> crd = parse(Files.readString(Path.of("../crds/apps.webgarden.io-v1.yml")));
    List<Map<String, Object>> versions = at(crd, "spec", "versions");
    specSchema = at(versions.get(0), "schema", "openAPIV3Schema", "properties", "spec");
    hostingSchema = at(specSchema, "properties", "hosting", "properties");
  }

  @Test
  void everySiteSettingAtANonDefaultValueLandsInTheCrdsHostingSchema() throws Exception {
    String attributes =
        Stream.of(Setting.values())
            .map(s -> "      " + s.key() + "=\"" + nonDefault(s) + "\"")
            .collect(Collectors.joining("\n"));
    write(
        site,
        "web.config",
        webConfig(
            handler("server.js") + "    <iisnode\n" + attributes + "/>\n",
            "  <appSettings><add key=\"K\" value=\"v\"/></appSettings>\n"));
    write(site, "server.js", "");

    Conversion conversion =
        new SiteConverter()
            .convert(
                site,
                new ConvertOptions(Optional.of("shop"), Optional.empty(), Optional.of("r/shop:1")));
    Map<String, Object> app = parse(conversion.yaml());
    Map<String, Object> spec = at(app, "spec");
    Map<String, Object> hosting = at(app, "spec", "hosting");

    assertThat(hosting.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(Setting.values())
                .filter(s -> !HostingConversion.IGNORED_ON_LINUX.contains(s))
                .map(Setting::key)
                .toList());
    Map<String, Object> specProperties = at(specSchema, "properties");
    assertThat(specProperties).containsKeys(spec.keySet().toArray(String[]::new));
    assertThat(spec)
        .containsKeys(((List<String>) specSchema.get("required")).toArray(String[]::new));
    hosting.forEach(
        (key, value) -> {
          Map<String, Object> field = at(hostingSchema, key);
          assertThat(field).as(key).isNotNull();
          switch ((String) field.get("type")) {
            case "integer" -> {
              assertThat(value).as(key).isInstanceOf(Integer.class);
              Number min = (Number) field.get("minimum");
              Number max = (Number) field.get("maximum");
              assertThat(min == null || (Integer) value >= min.doubleValue()).as(key).isTrue();
              assertThat(max == null || (Integer) value <= max.doubleValue()).as(key).isTrue();
            }
            case "boolean" -> assertThat(value).as(key).isInstanceOf(Boolean.class);
            default -> {
              assertThat(value).as(key).isInstanceOf(String.class);
              if (field.get("enum") != null) {
                assertThat((List<Object>) field.get("enum")).as(key).contains(value);
              }
            }
          }
        });
    assertThat((String) at(app, "spec", "source", "image", "ref")).isEqualTo("r/shop:1");
    assertThat((String) at(app, "spec", "webConfig")).doesNotContain("<iisnode", "<appSettings");
  }

  @Test
  void theIgnoredSettingsAreTheOnesTheTableCallsCompatibilityOnly() {
    assertThat(HostingConversion.IGNORED_ON_LINUX)
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(Setting.values())
                .filter(s -> s.meaning().startsWith("Accepted for compatibility"))
                .toList());
  }

  /** A valid value other than the default, for any setting. */
  private static String nonDefault(Setting setting) {
    if (setting.type() == SettingType.BOOL) {
      return String.valueOf(!Boolean.parseBoolean(setting.defaultValue()));
    }
    if (setting.type() == SettingType.INT) {
      return String.valueOf(Integer.parseInt(setting.defaultValue()) + 1);
    }
    if (setting.type() == SettingType.ENUM) {
      return setting.allowedValues().stream()
          .filter(v -> !v.equals(setting.defaultValue()))
          .findFirst()
          .orElseThrow();
    }
    return switch (setting) {
      case WATCHED_FILES -> "*.js;web.config";
      case RECYCLE_AT_TIMES -> "03:00";
      case DEBUGGER_PORT_RANGE -> "6000-6001";
      default -> "x" + setting.defaultValue().replace("\\", "/");
    };
  }
}
