package io.webgarden.sidecar.migrate;

import static io.webgarden.sidecar.migrate.TestSites.at;
import static io.webgarden.sidecar.migrate.TestSites.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.config.Setting;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestYamlTest {
  private static AppManifest app(String text, String webConfig) {
    return new AppManifest(
        text,
        text,
        Optional.of(text),
        "unused",
        List.of(
            new HostingValue(Setting.NODE_PROCESS_COMMAND_LINE, text, "a\nb.yml:1"),
            new HostingValue(Setting.MAX_PENDING_REQUESTS, 5, "web.config:3"),
            new HostingValue(Setting.ENABLE_XFF, true, "web.config:4")),
        Map.of(text, text),
        Optional.of(webConfig));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "",
        "yes",
        "null",
        "~",
        "0x10",
        "1e3",
        "- a",
        "a: b",
        "#x",
        "\"quoted\" 'single'",
        "back\\slash",
        "tab\there",
        "line\nbreak\r\n",
        "bell\u0007",
        "del\u007f",
        "nel\u0085",
        "ls\u2028ps\u2029",
        "bom\ufeff",
        "emoji \ud83c\udf31",
        "é ü"
      })
  void stringsRoundTrip(String text) {
    Map<String, Object> document = parse(ManifestYaml.render(app(text, "<configuration/>")));

    assertThat((String) at(document, "metadata", "name")).isEqualTo(text);
    assertThat((String) at(document, "spec", "entryPoint")).isEqualTo(text);
    assertThat((String) at(document, "spec", "source", "image", "ref")).isEqualTo(text);
    assertThat((String) at(document, "spec", "hosting", "nodeProcessCommandLine")).isEqualTo(text);
    assertThat((Integer) at(document, "spec", "hosting", "maxPendingRequests")).isEqualTo(5);
    assertThat((Boolean) at(document, "spec", "hosting", "enableXFF")).isTrue();
    assertThat((List<Object>) at(document, "spec", "appSettings"))
        .containsExactly(Map.of("name", text, "value", text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<a/>\n",
        "<a/>",
        "<a/>\n\n\n",
        "  <a/>\n",
        "\n  <a/>\n",
        "   \n<a/>\n",
        "\t<a/>\n",
        "<a>\n\n  \n\t</a>\n",
        "<a>  \n</a>  ",
        "<a>\r\n</a>",
        "<a>\u0001</a>",
        "<a>\u2028</a>",
        "#<a/> # x\n- b: c\n",
        "\n",
        " "
      })
  void webConfigRoundTrips(String webConfig) {
    String yaml = ManifestYaml.render(app("x", webConfig));

    assertThat((String) at(parse(yaml), "spec", "webConfig")).isEqualTo(webConfig);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<a/>\n", "<?xml version=\"1.0\"?>\n<configuration>\n</configuration>"})
  void webConfigIsALiteralBlockWhenItCanBe(String webConfig) {
    String yaml = ManifestYaml.render(app("x", webConfig));

    assertThat(yaml).containsPattern("\n  webConfig: \\|-?\n    <");
  }
}
