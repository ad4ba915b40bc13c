package io.webgarden.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The model package decides; it must not do I/O, so it may not see the client or JOSDK. */
class ModelPurityTest {
  private static final List<String> FORBIDDEN =
      List.of("import io.fabric8.kubernetes.client", "import io.javaoperatorsdk");

  @Test
  void modelImportsNeitherTheClientNorJosdk() throws IOException {
    Path model = Path.of("src/main/java/io/webgarden/operator/model");
    try (Stream<Path> files = Files.list(model)) {
      List<String> offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .flatMap(
                  f ->
                      lines(f)
                          .filter(l -> FORBIDDEN.stream().anyMatch(l::startsWith))
                          .map(l -> f.getFileName() + ": " + l))
              .toList();
      assertThat(offenders).isEmpty();
    }
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
