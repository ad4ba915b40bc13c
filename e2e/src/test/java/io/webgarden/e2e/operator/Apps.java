package io.webgarden.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.webgarden.e2e.cluster.TestCluster;
import java.time.Duration;

/** Apps as a user handles them: YAML through kubectl, status read back as JSON. */
final class Apps {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestCluster cluster;
  private final String namespace;

  Apps(TestCluster cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
  }

  String namespace() {
    return namespace;
  }

  /** A minimal App with an image source and {@code spec} lines appended (indented by 2). */
  static String manifest(String name, String imageRef, String extraSpec) {
    return """
        apiVersion: webgarden.io/v1alpha1
        kind: App
        metadata:
          name: %s
        spec:
          entryPoint: server.js
          source:
            image:
              ref: %s
        %s"""
        .formatted(name, imageRef, extraSpec.indent(2));
  }

  /** {@code kubectl apply -f -}; fails the test when the API server refuses it. */
  void apply(String yaml) {
    cluster.kubectlWithInput(yaml, "apply", "-n", namespace, "-f", "-").assertSuccess();
  }

  /** A JSON merge patch of the App, as {@code kubectl patch --type merge} sends it. */
  void patch(String name, String mergePatch) {
    cluster
        .kubectl("patch", "app", name, "-n", namespace, "--type", "merge", "-p", mergePatch)
        .assertSuccess();
  }

  /** The App as JSON, or a missing node when it does not exist. */
  JsonNode get(String name) {
    GenericKubernetesResource app =
        cluster
            .client()
            .genericKubernetesResources("webgarden.io/v1alpha1", "App")
            .inNamespace(namespace)
            .withName(name)
            .get();
    return app == null ? JSON.missingNode() : JSON.valueToTree(app);
  }

  /** The status of condition {@code type}, or "" when absent. */
  static String condition(JsonNode app, String type) {
    return conditionOf(app, type).path("status").asText();
  }

  /** "True Available": the status and reason of condition {@code type}, or "" when absent. */
  static String conditionAndReason(JsonNode app, String type) {
    JsonNode c = conditionOf(app, type);
    return c.isMissingNode() ? "" : c.path("status").asText() + " " + c.path("reason").asText();
  }

  private static JsonNode conditionOf(JsonNode app, String type) {
    for (JsonNode c : app.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    return JSON.missingNode();
  }

  /**
   * Waits until the operator has observed the App's current generation and says Ready=True with
   * Progressing=False; returns the settled App.
   */
  JsonNode awaitSettled(String name) {
    await("App " + namespace + "/" + name + " settled")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode app = get(name);
              assertThat(app.path("status").path("observedGeneration").asLong())
                  .as("observedGeneration of %s", app.path("status"))
                  .isEqualTo(app.path("metadata").path("generation").asLong());
              assertThat(condition(app, "Ready"))
                  .as("Ready in %s", app.path("status"))
                  .isEqualTo("True");
              assertThat(condition(app, "Progressing"))
                  .as("Progressing in %s", app.path("status"))
                  .isEqualTo("False");
            });
    return get(name);
  }
}
