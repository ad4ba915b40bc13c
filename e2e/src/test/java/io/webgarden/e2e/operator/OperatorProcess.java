package io.webgarden.e2e.operator;

import static org.awaitility.Awaitility.await;

import io.webgarden.e2e.cluster.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar operator/target/webgarden-operator.jar run} as a separate process, out of
 * cluster, with SSA as in production; its output goes to a log file. Two ways to run it: {@link
 * #asChart} with the chart's ServiceAccount token, every namespace and leader election on (the
 * shared operator of {@link OperatorFixture}); {@link #inNamespace} with the cluster's admin
 * kubeconfig, one namespace and no election (a class that needs an operator of its own). {@code
 * -Dwebgarden.operator.jar} runs another build instead (e.g. the one before a fix).
 */
final class OperatorProcess implements AutoCloseable {
  static final String RUNTIME_IMAGE = "example.invalid/webgarden-host:e2e";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final String identity;
  private final Process process;
  private final int healthPort;
  private final Path log;

  private OperatorProcess(String identity, Process process, int healthPort, Path log) {
    this.identity = identity;
    this.process = process;
    this.healthPort = healthPort;
    this.log = log;
  }

  /**
   * Runs as the chart's pods do: the ServiceAccount {@code kubeconfig} of {@link OperatorInstall},
   * all namespaces, leader election through a Lease in {@link OperatorInstall#NAMESPACE} under
   * {@code identity}; the log is {@code workDir/operator-<identity>.log}.
   */
  static OperatorProcess asChart(
      TestCluster cluster, Path kubeconfig, Path workDir, String identity) {
    return start(
        cluster,
        kubeconfig,
        identity,
        workDir.resolve("operator-" + identity + ".log"),
        List.of("--identity", identity, "--lease-namespace", OperatorInstall.NAMESPACE));
  }

  /**
   * Installs the CRD ({@link OperatorInstall#installCrd}) and runs an operator that watches only
   * {@code namespace}, with the admin kubeconfig and no leader election; the log is {@code
   * target/operator-<namespace>.log}.
   */
  static OperatorProcess inNamespace(TestCluster cluster, String namespace) {
    OperatorInstall.installCrd(cluster);
    return start(
        cluster,
        cluster.kubeconfig(),
        namespace,
        Path.of("target", "operator-" + namespace + ".log").toAbsolutePath(),
        List.of("--namespaces", namespace, "--leader-election=false"));
  }

  /** Starts an operator and waits until its /readyz answers 200 (started, leader or standby). */
  private static OperatorProcess start(
      TestCluster cluster, Path kubeconfig, String identity, Path log, List<String> scope) {
    Path jar =
        Path.of(
            System.getProperty(
                "webgarden.operator.jar",
                cluster.repo().resolve("operator/target/webgarden-operator.jar").toString()));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: run `mvn -B -DskipTests package`"
              + " (a reactor build makes it before the e2e module)");
    }
    try {
      int port = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-jar",
                  jar.toString(),
                  "run",
                  "--runtime-image",
                  RUNTIME_IMAGE,
                  "--health-port",
                  String.valueOf(port)));
      command.addAll(scope);
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      OperatorProcess operator = new OperatorProcess(identity, builder.start(), port, log);
      await("operator " + identity + " /readyz")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                if (!operator.process.isAlive()) {
                  throw new AssertionError(
                      "operator " + identity + " exited: " + operator.logTail());
                }
                return operator.status("/readyz") == 200;
              });
      return operator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String identity() {
    return identity;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** The status of a GET on the health port; -1 while nothing listens yet. */
  int status(String path) {
    try {
      return send(path).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The body of a GET on the health port (e.g. {@code /metrics}). */
  String body(String path) {
    try {
      return send(path).body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " on operator " + identity, e);
    }
  }

  private HttpResponse<String> send(String path) throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Resident memory of the operator's JVM, from /proc. */
  long rssBytes() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS for " + process.pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of the operator's log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGKILL: the Lease is not released, as when a node dies. */
  void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /**
   * SIGTERM, as Kubernetes stops a pod; the operator must exit within its shutdown timeout (20 s)
   * plus start-up slack, well inside a pod's default 30 s grace period.
   */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(Duration.ofSeconds(25))) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(30));
      throw new AssertionError(
          "operator " + identity + " did not exit within 25 s of SIGTERM:\n" + logTail());
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
