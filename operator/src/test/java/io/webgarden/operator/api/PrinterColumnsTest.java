package io.webgarden.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What `kubectl get` shows for Apps is what docs/operator.md says it shows. */
class PrinterColumnsTest {
  /** Argo CD's Application takes these short names; kubectl would resolve them to Argo CD. */
  private static final List<String> ARGO_CD_SHORT_NAMES = List.of("app", "apps");

  private static CustomResourceDefinition crd() throws IOException {
    return Serialization.unmarshal(
        Files.readString(CrdDriftTest.COMMITTED), CustomResourceDefinition.class);
  }

  private static String doc() throws IOException {
    return Files.readString(Path.of("..", "docs", "operator.md"));
  }

  @Test
  void columnsComeInTheOrderTheDocsPromise() throws IOException {
    Matcher promised = Pattern.compile("kubectl get (\\S+) shop +# (.+)").matcher(doc());
    assertThat(promised.find())
        .as("docs/operator.md shows `kubectl get … shop  # COLUMNS`")
        .isTrue();
    List<String> columns =
        crd().getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
            .filter(c -> c.getPriority() == null || c.getPriority() == 0)
            .map(c -> c.getName().toUpperCase(Locale.ROOT))
            .toList();

    assertThat(columns)
        .containsExactlyElementsOf(
            Arrays.stream(promised.group(2).split(",")).map(String::trim).toList());
    assertThat(crd().getSpec().getNames().getShortNames()).contains(promised.group(1));
  }

  @Test
  void readyIsTheReadyCondition() throws IOException {
    CustomResourceColumnDefinition ready =
        crd().getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
            .filter(c -> c.getName().equals("Ready"))
            .findFirst()
            .orElseThrow();

    assertThat(ready.getJsonPath()).isEqualTo(".status.conditions[?(@.type==\"Ready\")].status");
  }

  @Test
  void shortNamesLeaveArgoCdsAlone() throws IOException {
    assertThat(crd().getSpec().getNames().getShortNames())
        .isNotEmpty()
        .doesNotContainAnyElementsOf(ARGO_CD_SHORT_NAMES);
    assertThat(doc())
        .as("docs use the short name, not `app`, which Argo CD may own")
        .doesNotContain("kubectl get app ")
        .doesNotContain("kubectl explain app.");
  }
}
