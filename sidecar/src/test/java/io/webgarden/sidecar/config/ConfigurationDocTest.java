package io.webgarden.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's settings table is generated from {@link Setting}; this test fails when
 * they drift. Regenerate with {@code WEBGARDEN_WRITE_DOCS=1 mvn -pl sidecar test
 * -Dtest=ConfigurationDocTest}.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final String BEGIN =
      "<!-- settings:begin (generated from Setting.java and setting-meanings.properties) -->\n";
  private static final String END = "<!-- settings:end -->";

  static String table() {
    StringBuilder table = new StringBuilder(BEGIN);
    table.append("| Setting | Type | Default | Bounds | Meaning |\n");
    table.append("|---|---|---|---|---|\n");
    for (Setting setting : Setting.values()) {
      table
          .append("| `")
          .append(setting.key())
          .append("` | ")
          .append(setting.type().docName())
          .append(" | ")
          .append(setting.defaultValue().isEmpty() ? "(empty)" : "`" + setting.defaultValue() + "`")
          .append(" | ")
          .append(setting.boundsText())
          .append(" | ")
          .append(setting.meaning().replace("|", "\\|"))
          .append(" |\n");
    }
    return table.append(END).toString();
  }

  @Test
  void settingsTableMatchesTheSettingEnum() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin)
        .as("docs/configuration.md must hold the generated table markers")
        .isNotNegative();
    String expected = doc.substring(0, begin) + table() + doc.substring(end + END.length());
    if (System.getenv("WEBGARDEN_WRITE_DOCS") != null) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
      return;
    }
    assertThat(doc)
        .as("docs/configuration.md is stale; regenerate it as this class's javadoc" + " says")
        .isEqualTo(expected);
  }
}
