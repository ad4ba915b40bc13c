package io.webgarden.e2e.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.e2e.images.PrivateContainerd.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images run as the cluster runs them: imported into containerd ({@code ctr images import}, as
 * a node without a registry gets them) and started on runc with a read-only root filesystem, the
 * image's own user, and the writable folders the operator mounts as emptyDirs. The host network is
 * used, and requests go to 127.0.0.1.
 */
class ContainerImagesIT {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final String ID = "wg-" + ProcessHandle.current().pid();

  @TempDir static Path temp;
  private static PrivateContainerd containerd;
  private static ImageArchive host;
  private static ImageArchive operator;

  @BeforeAll
  static void importImages() throws Exception {
    Images.requireTarballs();
    PrivateContainerd.unavailable().ifPresent(Images::skipOrFail);
    containerd = PrivateContainerd.start(Files.createDirectory(temp.resolve("containerd")));
    host = ImageArchive.read(Images.HOST);
    operator = ImageArchive.read(Images.OPERATOR);
    for (ImageArchive image : List.of(host, operator)) {
      Result imported = containerd.ctr("images", "import", image.tar().toString());
      assertThat(imported.exitCode()).as(imported.output()).isZero();
    }
    Result listed = containerd.ctr("images", "list", "--quiet");
    assertThat(listed.output().lines()).contains(host.repoTag(), operator.repoTag());
  }

  @AfterAll
  static void stopContainerd() {
    if (containerd != null) {
      containerd.close();
    }
  }

  @Test
  void hostImageServesAMountedSiteThroughNodeOnAReadOnlyRoot() throws Exception {
    int port = freePort();
    int adminPort = freePort();
    Path tmp = writable("tmp");
    Path logs = writable("logs");
    Path config = Files.createDirectory(temp.resolve("config"));
    // The site is mounted read-only, so node's logs go to the logs emptyDir (as docs advise).
    Files.writeString(config.resolve("settings.yml"), "logRoot: /var/log/webgarden\n");
    String id = ID + "-host";

    List<String> run =
        new ArrayList<>(
            List.of(
                "run",
                "--rm",
                "--net-host",
                "--read-only",
                "--mount",
                bind(EXAMPLES, "/site", "ro"),
                "--mount",
                bind(config, "/etc/webgarden", "ro"),
                "--mount",
                bind(tmp, "/tmp", "rw"),
                "--mount",
                bind(logs, "/var/log/webgarden", "rw"),
                host.repoTag(),
                id));
    // Kubernetes semantics: the image's entrypoint, the operator's arguments (PodTemplates).
    run.addAll(host.entrypoint());
    run.addAll(
        List.of(
            "/site",
            "--port",
            String.valueOf(port),
            "--admin-port",
            String.valueOf(adminPort),
            "--settings",
            "/etc/webgarden/settings.yml"));
    Path output = temp.resolve("host.out");
    Process container = containerd.start(output, run.toArray(String[]::new));
    try {
      HttpClient http = HttpClient.newHttpClient();
      await("the host container ready on admin port " + adminPort)
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                assertThat(container.isAlive())
                    .as("container exited: %s", Files.readString(output))
                    .isTrue();
                return status(http, "http://127.0.0.1:" + adminPort + "/readyz") == 200;
              });

      HttpResponse<String> hello =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello/hello.js"))
                  .timeout(Duration.ofMinutes(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(hello.statusCode()).as(hello.body()).isEqualTo(200);
      assertThat(hello.body()).startsWith("Hello, world! from node process");

      assertThat(exec(id, "id", "-u").strip()).as("the image's user").isEqualTo("10001");
      assertThat(exec(id, "node", "--version")).startsWith("v24.");
      await("node's output in the logs emptyDir")
          .atMost(Duration.ofSeconds(30))
          .until(() -> filesUnder(logs) > 0);

      Result term = containerd.ctr("task", "kill", "--signal", "SIGTERM", id);
      assertThat(term.exitCode()).as(term.output()).isZero();
      assertThat(container.waitFor(2, TimeUnit.MINUTES)).as("stopped on SIGTERM").isTrue();
      assertThat(container.exitValue()).as(Files.readString(output)).isZero();
    } finally {
      stop(container, id);
      System.out.println("host container output:\n" + Files.readString(output));
    }
  }

  @Test
  void operatorImageRunsItsRunCommand() throws Exception {
    List<String> run =
        new ArrayList<>(
            List.of("run", "--rm", "--read-only", operator.repoTag(), ID + "-operator"));
    run.addAll(operator.entrypoint());
    run.add("--help");
    Result help = containerd.ctr(run.toArray(String[]::new));
    assertThat(help.exitCode()).as(help.output()).isZero();
    assertThat(help.output())
        .contains("Usage: webgarden-operator run", "--runtime-image", "--leader-election");
  }

  private static String exec(String id, String... command) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("task", "exec", "--exec-id", "check-" + System.nanoTime(), id));
    args.addAll(List.of(command));
    Result result = containerd.ctr(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }

  private static void stop(Process container, String id) throws Exception {
    if (container.isAlive()) {
      containerd.ctr("task", "kill", "--signal", "SIGKILL", id);
      if (!container.waitFor(30, TimeUnit.SECONDS)) {
        container.destroyForcibly();
      }
    }
    containerd.ctr("task", "delete", "--force", id);
    containerd.ctr("containers", "delete", id);
  }

  private static String bind(Path source, String target, String mode) {
    return "type=bind,src=" + source + ",dst=" + target + ",options=rbind:" + mode;
  }

  /** An emptyDir stand-in: writable by the image's user, as fsGroup makes a real one. */
  private static Path writable(String name) throws IOException {
    Path dir = Files.createDirectory(temp.resolve(name));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    return dir;
  }

  private static long filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static int status(HttpClient http, String url) throws Exception {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) { // not listening yet, or too slow to answer on a busy machine
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
