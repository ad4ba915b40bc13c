package io.webgarden.e2e.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.webgarden.e2e.cluster.Commands;
import io.webgarden.e2e.cluster.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real node that {@code e2e/cluster/node/up} started for a test cluster, as {@code node.env} in
 * its state folder describes it: how to run a program in its client network namespace (the only
 * place from which Service and pod addresses are reachable) and how to find the processes of a pod
 * on this machine.
 */
final class RealNode {
  private final Map<String, String> env;

  private RealNode(Map<String, String> env) {
    this.env = env;
  }

  /** The node of {@code cluster}; fails when the cluster was started without one. */
  static RealNode of(TestCluster cluster) {
    Path file = cluster.stateDir().resolve("node/node.env");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file
              + " is missing: the test cluster runs no real node"
              + " (start it with -Dwebgarden.cluster.node=real, which passes --node real to up)");
    }
    Map<String, String> env = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RealNode(env);
  }

  String name() {
    return env.get("NODE_NAME");
  }

  /** The host image (JRE, Node.js, the sidecar) that up imported into containerd. */
  String hostImage() {
    return image("/host:");
  }

  /** The operator image that up imported into containerd. */
  String operatorImage() {
    return image("/operator:");
  }

  private String image(String marker) {
    return List.of(env.getOrDefault("IMAGES", "").split(" ")).stream()
        .filter(i -> i.contains(marker))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no image with "
                        + marker
                        + " among those"
                        + " the node imported ("
                        + env.get("IMAGES")
                        + "): build them with mvn package in"
                        + " e2e (WEBGARDEN_NODE_IMAGES names the tars)"));
  }

  /** {@code command} run inside the client network namespace. */
  List<String> inClient(List<String> command) {
    List<String> full =
        new ArrayList<>(List.of("nsenter", "--net=" + env.get("CLIENT_NETNS"), "--"));
    full.addAll(command);
    return full;
  }

  /** A JVM like this one running {@code main} of this package's test classes. */
  static List<String> java(Class<?> main, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                testClasses().toString(),
                main.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /** One GET of {@code url} from the client namespace. */
  HttpAnswer fetch(String url) {
    return HttpAnswer.parse(
        Commands.run(inClient(java(Fetch.class, url)), Map.of(), Duration.ofSeconds(60))
            .assertSuccess()
            .stdout());
  }

  /** Starts {@code clients} keep-alive clients looping on {@code url} from the client namespace. */
  Load startLoad(String url, int clients, Duration max) {
    return Load.start(this, url, clients, max);
  }

  /**
   * The pids of the node processes that run in {@code pod}'s containers on this machine, found by
   * the pod's UID in their cgroup path (the kubelet's cgroupfs layout: .../pod<uid>/<container>).
   */
  List<Long> nodeProcessesOf(Pod pod) {
    String marker = "pod" + pod.getMetadata().getUid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> read(p.resolve("cgroup")).contains(marker))
          .filter(
              p ->
                  Path.of(read(p.resolve("cmdline")).split("\0", 2)[0])
                      .getFileName()
                      .toString()
                      .equals("node"))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return ""; // the process ended while we looked
    }
  }

  private static Path testClasses() {
    try {
      return Path.of(RealNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
