package io.webgarden.sidecar.host;

import static io.webgarden.sidecar.testing.Skips.assumeOrFail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildLifetimeTest {
  @TempDir Path folder;
  private final Vertx vertx = Vertx.vertx();
  private ChildLifetime lifetime;

  @BeforeEach
  void open() {
    lifetime = ChildLifetime.open(vertx, folder);
  }

  @AfterEach
  void close() {
    lifetime.close();
    vertx.close().await();
  }

  @Test
  void thePreloadComesAfterTheAppsOwnNodeOptions() {
    Map<String, String> env = new HashMap<>(Map.of("NODE_OPTIONS", "--max-old-space-size=64"));
    lifetime.addTo(env);

    Path preload = folder.resolve("lifeline.cjs");
    assertThat(env.get("NODE_OPTIONS"))
        .isEqualTo("--max-old-space-size=64 --require \"" + preload + "\"");
    assertThat(env.get(ChildLifetime.LIFELINE_VARIABLE))
        .isEqualTo(folder.resolve("lifeline.sock").toString());
    assertThat(preload).isRegularFile();
    assertThat(Files.exists(folder.resolve("lifeline.sock"))).isTrue();
  }

  @Test
  void withoutOwnNodeOptionsThereIsOnlyThePreload() {
    Map<String, String> env = new HashMap<>();
    lifetime.addTo(env);
    assertThat(env.get("NODE_OPTIONS")).startsWith("--require ");
  }

  private static boolean hasSetsid() {
    return Files.isExecutable(Path.of("/usr/bin/setsid"))
        || Files.isExecutable(Path.of("/bin/setsid"));
  }

  @Test
  void theCommandRunsInASessionOfItsOwn() throws IOException {
    assumeOrFail(hasSetsid(), "no setsid on this machine: processes run unwrapped");
    List<String> wrapped = lifetime.wrap(List.of("node", "app.js"), System.getenv("PATH"));
    assertThat(wrapped).hasSize(3).endsWith("node", "app.js");
    assertThat(wrapped.get(0)).endsWith("/setsid");
  }

  @Test
  void aMissingProgramIsNamedInsteadOfBecomingExitCode127() {
    assumeOrFail(hasSetsid(), "no setsid on this machine: ProcessBuilder names the program itself");
    assertThatThrownBy(() -> lifetime.wrap(List.of("/no/such/node", "app.js"), "/usr/bin"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/no/such/node");
    assertThatThrownBy(() -> lifetime.wrap(List.of("no-such-node"), "/usr/bin:/bin"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no-such-node")
        .hasMessageContaining("/usr/bin:/bin");
  }
}
