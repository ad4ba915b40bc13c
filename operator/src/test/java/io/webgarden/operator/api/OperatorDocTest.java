package io.webgarden.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/operator.md's App reference must name every field of the committed CRD. */
class OperatorDocTest {
  /** Kubernetes types and the hosting settings are documented elsewhere; do not descend. */
  private static final Set<String> LEAVES =
      Set.of("appSettings", "resources", "hosting", "conditions");

  @Test
  void referenceNamesEveryCrdField() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "operator.md"));
    CustomResourceDefinition crd =
        Serialization.unmarshal(
            Files.readString(CrdDriftTest.COMMITTED), CustomResourceDefinition.class);
    JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    List<String> paths = new ArrayList<>();
    walk(root.getProperties().get("spec"), "spec", paths);
    walk(root.getProperties().get("status"), "status", paths);

    List<String> missing =
        paths.stream()
            .map(OperatorDocTest::documentedAs)
            .distinct()
            .filter(p -> !doc.contains("`" + p + "`"))
            .toList();
    assertThat(paths).hasSizeGreaterThan(30);
    assertThat(missing).as("CRD fields missing from docs/operator.md").isEmpty();
  }

  /** Repeated types are documented once: staging source as spec.source, etc. */
  private static String documentedAs(String path) {
    return path.replaceFirst("^spec\\.slots\\.staging\\.source\\.", "spec.source.")
        .replaceFirst("^status\\.staging\\.", "status.production.")
        .replaceFirst("^status\\.swapHistory\\.", "status.lastSwap.");
  }

  private static void walk(JSONSchemaProps node, String path, List<String> out) {
    if (node.getItems() != null && node.getItems().getSchema() != null) {
      node = node.getItems().getSchema();
    }
    if (node.getProperties() == null) {
      return;
    }
    node.getProperties()
        .forEach(
            (name, child) -> {
              String childPath = path + "." + name;
              out.add(childPath);
              if (!LEAVES.contains(name)) {
                walk(child, childPath, out);
              }
            });
  }
}
