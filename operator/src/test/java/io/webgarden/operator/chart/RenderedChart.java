package io.webgarden.operator.chart;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The chart as {@code helm template} renders it for a values document, as fabric8 objects. */
record RenderedChart(List<HasMetadata> objects) {
  static final Path DIR = Path.of("..", "charts", "webgarden-operator");
  static final String RELEASE = "webgarden";
  static final String NAMESPACE = "webgarden-system";
  static final String FULLNAME = "webgarden-webgarden-operator";

  /** Chart.yaml asks for >= 1.25; helm's default (1.20) would fail. */
  static final String KUBE_VERSION = "1.35.4";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Renders with {@code values} (YAML, may be empty) over the chart's values.yaml. */
  static RenderedChart render(String values) {
    return new RenderedChart(
        parse(
            withValuesFile(
                values,
                file ->
                    new Helm(DIR)
                        .template()
                        .withName(RELEASE)
                        .withNamespace(NAMESPACE)
                        .withKubeVersion(KUBE_VERSION)
                        .withValuesFile(file)
                        .call())));
  }

  /** What {@code helm install} prints (client-only dry run): the rendered NOTES.txt. */
  static String installNotes(String values) {
    return withValuesFile(
        values,
        file ->
            new Helm(DIR)
                .install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(file)
                .clientOnly()
                .dryRun()
                .call()
                .getOutput());
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found);
    }
    return found.get(0);
  }

  Optional<HasMetadata> kind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).findFirst();
  }

  private interface HelmCall<T> {
    T call(Path valuesFile);
  }

  private static <T> T withValuesFile(String values, HelmCall<T> call) {
    try {
      Path file = Files.createTempFile("webgarden-values", ".yaml");
      try {
        Files.writeString(file, values);
        return call.call(file);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<HasMetadata> parse(String manifests) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : manifests.split("(?m)^---\\s*$")) {
      boolean empty =
          document
              .lines()
              .map(String::strip)
              .allMatch(line -> line.isEmpty() || line.startsWith("#"));
      if (!empty) {
        objects.add(SERIALIZATION.unmarshal(document));
      }
    }
    return objects;
  }
}
