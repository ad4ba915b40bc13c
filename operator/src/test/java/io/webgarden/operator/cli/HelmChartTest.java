package io.webgarden.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * helm is not available to the build, so the chart is checked for what can drift: the CRD copy
 * Helm installs, the RBAC for every kind the operator writes, and the environment variables the
 * run command reads.
 */
class HelmChartTest {
  private static final Path CHART = Path.of("..", "charts", "webgarden-operator");

  @Test
  void chartInstallsTheCommittedCrd() throws IOException {
    assertThat(Files.readString(CHART.resolve("crds/apps.webgarden.io-v1.yml")))
        .as("charts/webgarden-operator/crds/ must be a copy of crds/apps.webgarden.io-v1.yml")
        .isEqualTo(Files.readString(Path.of("..", "crds", "apps.webgarden.io-v1.yml")));
  }

  @Test
  void rbacCoversEveryKindTheOperatorTouches() throws IOException {
    String rbac = Files.readString(CHART.resolve("templates/rbac.yaml"));
    assertThat(rbac).contains("\"apps\"]", "\"apps/status\"]", "\"configmaps\", \"services\"]",
        "\"deployments\"]", "\"horizontalpodautoscalers\"]", "\"poddisruptionbudgets\"]",
        "\"events\"]", "\"leases\"]");
  }

  @Test
  void deploymentSetsTheVariablesTheRunCommandReads() throws IOException {
    String deployment = Files.readString(CHART.resolve("templates/deployment.yaml"));
    assertThat(deployment).contains("/opt/webgarden/webgarden-operator.jar\", \"run\"]");
    for (String env : new String[] {"WEBGARDEN_NAMESPACES", "WEBGARDEN_RUNTIME_IMAGE",
        "WEBGARDEN_GIT_SYNC_IMAGE", "WEBGARDEN_LEADER_ELECTION", "WEBGARDEN_LOG_LEVEL",
        "POD_NAME", "POD_NAMESPACE"}) {
      assertThat(deployment).contains("- name: " + env);
    }
    assertThat(deployment).contains("path: /healthz", "path: /readyz", "containerPort: 8081");
  }
}
