package io.webgarden.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How up and down fail: loudly, saying what is wrong and what to do. */
@ExtendWith(ClusterExtension.class)
class ClusterScriptsIT {
  @TempDir Path temp;

  private CommandResult script(TestCluster cluster, String name, Map<String, String> env) {
    return Commands.run(
        List.of(cluster.repo().resolve("e2e/cluster/" + name).toString()),
        env,
        Duration.ofMinutes(2));
  }

  @Test
  void aMissingBinarySaysToRunBuild(TestCluster cluster) {
    CommandResult up =
        script(
            cluster,
            "up",
            Map.of(
                "WEBGARDEN_K8S_CACHE",
                temp.toString(),
                "WEBGARDEN_CLUSTER_DIR",
                temp.resolve("state").toString()));
    assertThat(up.exitCode()).as(up.describe()).isNotZero();
    assertThat(up.stderr()).contains("missing " + temp).contains("run e2e/cluster/build first");
  }

  @Test
  void aTakenPortIsNamed(TestCluster cluster) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CommandResult up =
          script(
              cluster,
              "up",
              Map.of(
                  "WEBGARDEN_APISERVER_PORT", String.valueOf(taken.getLocalPort()),
                  "WEBGARDEN_CLUSTER_DIR", temp.resolve("state").toString()));
      assertThat(up.exitCode()).as(up.describe()).isNotZero();
      assertThat(up.stderr()).contains("port " + taken.getLocalPort()).contains("is taken");
    }
  }

  @Test
  void aComponentThatExitsShowsItsLogAndDownCleansUpTwice(TestCluster cluster) {
    Path state = temp.resolve("state");
    Map<String, String> env =
        Map.of(
            "WEBGARDEN_CLUSTER_DIR",
            state.toString(),
            "WEBGARDEN_APISERVER_ARGS",
            "--no-such-flag");
    CommandResult up = script(cluster, "up", env);
    assertThat(up.exitCode()).as(up.describe()).isNotZero();
    assertThat(up.stderr())
        .contains("kube-apiserver exited")
        .contains("unknown flag: --no-such-flag");

    assertThat(script(cluster, "down", env).assertSuccess().stdout()).contains("stopped");
    assertThat(state).doesNotExist();
    assertThat(script(cluster, "down", env).assertSuccess().stdout()).contains("nothing");
    assertThat(Files.exists(state)).isFalse();
  }
}
