package io.webgarden.e2e.images;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the build put the image tarballs, and the project's rule for a test that cannot run. */
final class Images {
  static final Path DIR = Path.of(System.getProperty("images.dir", "target/images"));
  static final Path HOST = DIR.resolve("webgarden-host.tar");
  static final Path OPERATOR = DIR.resolve("webgarden-operator.tar");

  private Images() {}

  /** Both tarballs, or a skip (a failure under CI=true) saying why they are missing. */
  static void requireTarballs() {
    for (Path tar : new Path[] {HOST, OPERATOR}) {
      if (!Files.isRegularFile(tar)) {
        skipOrFail(tar + " does not exist: build with `mvn -B verify` (without -Dimage.skip)");
      }
    }
  }

  /** Skips with the reason printed; under CI=true, where CI installs everything, fails instead. */
  static void skipOrFail(String reason) {
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true and " + reason);
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
