package io.webgarden.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.operator.api.Hosting;
import org.junit.jupiter.api.Test;

class SettingsFileTest {

  @Test
  void writesOnlyTheFieldsTheUserSet() {
    Hosting hosting = new Hosting();
    hosting.nodeProcessCountPerApplication = 4;
    hosting.loggingEnabled = false;
    hosting.watchedFiles = "*.js;web.config";
    hosting.logFormat = Hosting.LogFormat.json;

    assertThat(SettingsFile.render(hosting).lines().toList())
        .containsExactly(
            "# Rendered by webgarden-operator from spec.hosting; edit the App.",
            "nodeProcessCountPerApplication: 4",
            "watchedFiles: *.js;web.config",
            "loggingEnabled: false",
            "logFormat: json");
  }

  @Test
  void noHostingMeansOnlyTheHeader() {
    assertThat(SettingsFile.render(null).lines()).hasSize(1);
    assertThat(SettingsFile.render(new Hosting()).lines()).hasSize(1);
  }

  @Test
  void zeroAndEmptyAreStillSetValues() {
    Hosting hosting = new Hosting();
    hosting.node_env = "";
    hosting.idleTimeoutMs = 0;
    assertThat(SettingsFile.render(hosting)).contains("node_env: \n", "idleTimeoutMs: 0\n");
  }
}
