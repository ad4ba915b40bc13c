package io.webgarden.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD in crds/ is generated from the model; a stale copy would ship an old schema. */
class CrdDriftTest {
  static final String FILE = "apps.webgarden.io-v1.yml";
  static final Path COMMITTED = Path.of("..", "crds", FILE);

  @Test
  void committedCrdEqualsTheGeneratedOne() throws IOException {
    Path generated =
        Path.of(System.getProperty("crd.generated.dir", "target/generated-crds"), FILE);
    assertThat(generated).as("the build generates the CRD before tests run").exists();
    assertThat(Files.readString(COMMITTED))
        .as(
            "crds/%s differs from the CRD generated from the App model; regenerate with"
                + " `mvn -pl operator process-test-classes && cp operator/target/generated-crds/%s"
                + " crds/` and commit it",
            FILE, FILE)
        .isEqualTo(Files.readString(generated));
  }
}
