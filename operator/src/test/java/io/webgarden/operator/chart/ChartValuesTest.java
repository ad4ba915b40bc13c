package io.webgarden.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart as a whole: lint, the values schema's messages, and the CRD it installs. */
class ChartValuesTest {
  @Test
  void lintsStrictly() {
    LintResult lint = new Helm(RenderedChart.DIR).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void aWrongTypeFailsNamingTheValue() {
    assertThatThrownBy(() -> RenderedChart.installNotes("replicas: two\n"))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("replicas")
        .hasMessageContaining("integer");
    assertThatThrownBy(() -> RenderedChart.render("watchNamespaces: shop\n"))
        .hasMessageContaining("watchNamespaces")
        .hasMessageContaining("array");
  }

  @Test
  void anUnknownKeyFailsNamingIt() {
    assertThatThrownBy(() -> RenderedChart.render("replica: 1\n")).hasMessageContaining("replica");
    assertThatThrownBy(() -> RenderedChart.render("metrics:\n  servicemonitor: true\n"))
        .hasMessageContaining("servicemonitor");
  }

  @Test
  void aNamespaceThatIsNoNameFails() {
    assertThatThrownBy(() -> RenderedChart.render("watchNamespaces: [Shop_1]\n"))
        .hasMessageContaining("watchNamespaces");
  }

  @Test
  void refusesAClusterWithoutThePreStopSleepAction() {
    assertThatThrownBy(
            () ->
                new Helm(RenderedChart.DIR)
                    .template()
                    .withName("webgarden")
                    .withKubeVersion("1.29.9")
                    .call())
        .hasMessageContaining("incompatible with Kubernetes v1.29.9");
    assertThat(
            new Helm(RenderedChart.DIR)
                .template()
                .withName("webgarden")
                .withKubeVersion("1.30.0")
                .call())
        .contains("kind: Deployment");
  }

  @Test
  void chartInstallsTheCommittedCrd() throws IOException {
    assertThat(Files.readString(RenderedChart.DIR.resolve("crds/apps.webgarden.io-v1.yml")))
        .as("charts/webgarden-operator/crds/ must be a copy of crds/apps.webgarden.io-v1.yml")
        .isEqualTo(Files.readString(Path.of("..", "crds", "apps.webgarden.io-v1.yml")));
  }
}
