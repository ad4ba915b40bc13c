package io.webgarden.e2e.operatorfixes;

import static org.awaitility.Awaitility.await;

import io.webgarden.e2e.cluster.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar operator/target/webgarden-operator.jar run}, watching one namespace with the
 * test cluster's admin kubeconfig and server-side apply, as the chart runs it. Its log goes to
 * {@code target/operator-<namespace>.log}. {@code -Dwebgarden.operator.jar} and {@code
 * -Dwebgarden.operator.crd} run another build (e.g. the one before a fix) instead.
 */
final class OperatorProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Installs the committed CRD, starts the operator and waits for its /readyz. */
  static OperatorProcess start(TestCluster cluster, String namespace) throws IOException {
    installCrd(cluster);
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
    int healthPort = freePort();
    Path log = Path.of("target", "operator-" + namespace + ".log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "run",
                "--namespaces",
                namespace,
                "--leader-election=false",
                "--runtime-image",
                "webgarden/host:e2e",
                "--health-port",
                String.valueOf(healthPort))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
    OperatorProcess operator = new OperatorProcess(builder.start(), log);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz")).build();
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .failFast("the operator exited; see " + log, () -> !operator.process.isAlive())
        .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return operator;
  }

  /** {@code kubectl apply --server-side} of crds/, then waits until it is Established. */
  static void installCrd(TestCluster cluster) {
    cluster
        .kubectl(
            "apply",
            "--server-side",
            "--force-conflicts",
            "-f",
            System.getProperty(
                "webgarden.operator.crd",
                cluster.repo().resolve("crds/apps.webgarden.io-v1.yml").toString()))
        .assertSuccess();
    cluster
        .kubectl("wait", "--for=condition=Established", "--timeout=60s", "crd/apps.webgarden.io")
        .assertSuccess();
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
