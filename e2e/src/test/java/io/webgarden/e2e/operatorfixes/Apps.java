package io.webgarden.e2e.operatorfixes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.webgarden.e2e.cluster.TestCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Apps as YAML and status as maps: the operator's Java model is not on this classpath. */
final class Apps {
  private Apps() {}

  static GenericKubernetesResource get(TestCluster cluster, String namespace, String name) {
    return cluster
        .client()
        .genericKubernetesResources("webgarden.io/v1alpha1", "App")
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> status(GenericKubernetesResource app) {
    Object status = app == null ? null : app.getAdditionalProperties().get("status");
    return status == null ? Map.of() : (Map<String, Object>) status;
  }

  /** "True Available" for the condition of that type, or empty. */
  @SuppressWarnings("unchecked")
  static Optional<String> condition(GenericKubernetesResource app, String type) {
    Object conditions = status(app).get("conditions");
    if (!(conditions instanceof List<?> list)) {
      return Optional.empty();
    }
    return list.stream()
        .map(c -> (Map<String, Object>) c)
        .filter(c -> type.equals(c.get("type")))
        .map(c -> c.get("status") + " " + c.get("reason"))
        .findFirst();
  }
}
