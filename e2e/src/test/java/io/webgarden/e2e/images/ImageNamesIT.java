package io.webgarden.e2e.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The tarballs import under the names and tags the Helm chart installs by default. */
class ImageNamesIT {
  private static final Path CHART = Path.of("..", "charts", "webgarden-operator");
  private static final String VERSION = System.getProperty("project.version");
  private static final String REGISTRY = System.getProperty("image.registry");

  @BeforeAll
  static void tarballs() {
    Images.requireTarballs();
  }

  private static Map<String, Object> yaml(String file) throws IOException {
    return new Yaml().load(Files.readString(CHART.resolve(file)));
  }

  @Test
  void chartAppVersionIsTheProjectVersion() throws IOException {
    assertThat(yaml("Chart.yaml").get("appVersion"))
        .as("charts/webgarden-operator/Chart.yaml appVersion")
        .isEqualTo(VERSION);
  }

  @Test
  void hostImageIsTheChartsRuntimeImage() throws Exception {
    ImageArchive host = ImageArchive.read(Images.HOST);
    assertThat(host.repoTag()).isEqualTo(REGISTRY + "/host:" + VERSION);
    assertThat(yaml("values.yaml").get("runtimeImage"))
        .as("values.yaml runtimeImage")
        .isEqualTo(host.repoTag());
    assertThat(host.user()).isEqualTo("10001:10001");
  }

  @Test
  @SuppressWarnings("unchecked")
  void operatorImageIsTheChartsImage() throws Exception {
    ImageArchive operator = ImageArchive.read(Images.OPERATOR);
    assertThat(operator.repoTag()).isEqualTo(REGISTRY + "/operator:" + VERSION);
    Map<String, Object> image = (Map<String, Object>) yaml("values.yaml").get("image");
    // An empty tag means the chart's appVersion (checked above to be the project version).
    assertThat(image.get("repository") + ":" + VERSION).isEqualTo(operator.repoTag());
    assertThat(image.get("tag")).as("values.yaml image.tag").isEqualTo("");
    assertThat(operator.user()).isEqualTo("10001:10001");
  }
}
