package io.webgarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract of issue 2, exactly: the jar run as a user runs it. */
class SidecarCliIT {
  private static final Path JAR = Path.of("..", "sidecar", "target", "webgarden-sidecar.jar");
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path temp;

  private static ProcessBuilder sidecar(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result run(String... args) throws Exception {
    Process process = sidecar(args).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), stdout, stderr);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void helpExplainsEveryOption() throws Exception {
    Result result = run("serve", "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .contains(
            "<siteDir>",
            "--port",
            "--admin-port",
            "--settings",
            "9090",
            "SIGTERM",
            "docs/configuration.md");
    assertThat(run("--help").stdout()).contains("serve");
  }

  @Test
  void badArgumentsAreOneLineOnStderrAndExitCode2() throws Exception {
    Result badPort = run("serve", EXAMPLES.toString(), "--port", "eighty");
    Result noPort = run("serve", EXAMPLES.toString());
    Result noSite = run("serve", temp.resolve("missing").toString(), "--port", "8080");
    Path badSettings = Files.writeString(temp.resolve("s.yml"), "loggingEnabled: perhaps\n");
    Result settings =
        run(
            "serve",
            EXAMPLES.toString(),
            "--port",
            "0",
            "--admin-port",
            "0",
            "--settings",
            badSettings.toString());
    Result unknown = run("serve", EXAMPLES.toString(), "--port", "1", "--colour");

    for (Result result : List.of(badPort, noPort, noSite, settings, unknown)) {
      assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
      assertThat(result.stderr().strip().lines()).as(result.stderr()).hasSize(1);
      assertThat(result.stderr()).startsWith("webgarden-sidecar: ");
    }
    assertThat(badPort.stderr()).contains("eighty");
    assertThat(noSite.stderr()).contains("missing", "not a readable folder");
    assertThat(settings.stderr()).contains("s.yml:1", "loggingEnabled must be true or false");
  }

  @Test
  void servesTheExamplesThenStopsCleanlyOnSigterm() throws Exception {
    int port = freePort();
    int adminPort = freePort();
    Process process =
        sidecar(
                "serve",
                EXAMPLES.toString(),
                "--port",
                Integer.toString(port),
                "--admin-port",
                Integer.toString(adminPort))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String startup = out.readLine();
      assertThat(startup)
          .contains("http://0.0.0.0:" + port + "/")
          .containsPattern("\\(\\d+ applications? found");
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (out.readLine() != null) {
                    // keep the pipe empty so the sidecar never blocks on its stdout
                  }
                } catch (IOException closed) {
                  // the process ended
                }
              });
      drain.setDaemon(true);
      drain.start();

      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> hello =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello/hello.js"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(hello.statusCode()).isEqualTo(200);
      HttpResponse<String> ready =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);

      process.destroy();
      await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
      assertThat(process.exitValue()).isZero();
    } finally {
      process.destroyForcibly();
    }
  }
}
