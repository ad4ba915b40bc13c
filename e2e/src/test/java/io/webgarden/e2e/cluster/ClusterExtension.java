package io.webgarden.e2e.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the {@link TestCluster}, starting it on first use and stopping it when the test run ends
 * (it lives in the root context's store). A failed start is remembered, so later classes fail or
 * skip at once instead of trying again.
 */
public final class ClusterExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(ClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  /** The run's cluster, for other extensions (started on first use; skips or fails as above). */
  public static TestCluster cluster(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Started.class, key -> Started.attempt(), Started.class)
        .get();
  }

  /** The outcome of starting, kept for the whole run; closing it stops the cluster. */
  private record Started(TestCluster cluster, RuntimeException failure, String skipReason)
      implements AutoCloseable {

    static Started attempt() {
      try {
        return start();
      } catch (RuntimeException e) {
        return new Started(null, e, null);
      }
    }

    TestCluster get() {
      if (skipReason != null) {
        System.out.println("SKIPPED (test cluster): " + skipReason);
        Assumptions.abort(skipReason);
      }
      if (failure != null) {
        throw failure;
      }
      return cluster;
    }

    @Override
    public void close() {
      if (cluster != null) {
        cluster.close();
      }
    }

    private static Started start() {
      Path repo = repoRoot();
      Path scripts = repo.resolve("e2e/cluster");
      boolean ci = "true".equals(System.getenv("CI"));
      if (!onPath("go")) {
        CommandResult check =
            Commands.run(
                List.of(scripts.resolve("build").toString(), "--check"),
                Map.of(),
                Duration.ofSeconds(30));
        if (check.exitCode() != 0) {
          String reason = "Go is not on PATH and " + check.stdout().strip();
          if (ci) {
            throw new IllegalStateException(
                reason + "; CI=true, so this fails instead of" + " skipping");
          }
          return new Started(null, null, reason);
        }
      } else {
        // Seconds when the cache is warm; a cold build compiles Kubernetes (see docs/operator.md).
        System.out.println("test cluster: e2e/cluster/build (log in target/cluster-build.log)");
        Path log = Path.of("target", "cluster-build.log").toAbsolutePath();
        CommandResult build =
            Commands.run(
                List.of(
                    "bash",
                    "-c",
                    "\"$0\" > \"$1\" 2>&1; status=$?; tail -n 30 \"$1\"; exit $status",
                    scripts.resolve("build").toString(),
                    log.toString()),
                Map.of(),
                Duration.ofMinutes(90));
        build.assertSuccess();
      }
      Path stateDir =
          Path.of(
              System.getProperty(
                  "webgarden.cluster.dir", "/tmp/webgarden-e2e-" + ProcessHandle.current().pid()));
      List<String> up =
          new ArrayList<>(
              List.of(
                  scripts.resolve("up").toString(),
                  "--nodes",
                  System.getProperty("webgarden.cluster.nodes", "1")));
      if ("real".equals(System.getProperty("webgarden.cluster.node"))) {
        up.addAll(List.of("--node", "real"));
      }
      CommandResult result =
          Commands.run(
              up, Map.of("WEBGARDEN_CLUSTER_DIR", stateDir.toString()), Duration.ofMinutes(5));
      result.assertSuccess();
      List<String> lines = result.stdout().strip().lines().toList();
      String last = lines.get(lines.size() - 1);
      if (!last.startsWith("KUBECONFIG=")) {
        throw new IllegalStateException("up did not end with KUBECONFIG=: " + result.describe());
      }
      boolean reused = result.stdout().contains("already running");
      boolean keep = Boolean.getBoolean("webgarden.cluster.keep");
      System.out.println(
          "test cluster: "
              + (reused ? "reusing " : "started ")
              + stateDir
              + (lines.size() > 1 ? " (" + lines.get(lines.size() - 2) + ")" : ""));
      return new Started(
          new TestCluster(
              repo, stateDir, Path.of(last.substring("KUBECONFIG=".length())), !reused && !keep),
          null,
          null);
    }

    private static Path repoRoot() {
      for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.isExecutable(p.resolve("e2e/cluster/up"))) {
          return p;
        }
      }
      throw new IllegalStateException("no e2e/cluster/up above " + Path.of("").toAbsolutePath());
    }

    private static boolean onPath(String program) {
      String path = System.getenv().getOrDefault("PATH", "");
      for (String dir : path.split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
          return true;
        }
      }
      return false;
    }
  }
}
