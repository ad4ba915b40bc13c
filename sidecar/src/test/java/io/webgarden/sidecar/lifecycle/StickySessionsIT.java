package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.pids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * nodeProcessStickySessions with the real socket.io 4 server and client (npm packages installed
 * into src/test/node/socketio by {@code npm ci} on first use; node_modules is not committed).
 */
class StickySessionsIT {
  private static final Path FIXTURE = Path.of("src", "test", "node", "socketio").toAbsolutePath();
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final int CLIENTS = 20;

  @TempDir Path root;

  @ParameterizedTest(name = "{0} processes, {1}")
  @CsvSource({"2, default", "4, default", "2, polling", "4, polling"})
  void everySocketIoClientConnectsAndStaysWithItsProcess(int processes, String transports)
      throws Exception {
    site(processes, true);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      awaitGarden(sidecar, processes);

      JsonObject result = clients(sidecar, CLIENTS, transports);

      assertThat(result.getJsonArray("errors")).as(result.encode()).isEmpty();
      assertThat(result.getInteger("connected")).isEqualTo(CLIENTS);
      assertThat(result.getInteger("upgraded"))
          .isEqualTo(transports.equals("polling") ? 0 : CLIENTS);
      assertThat(new HashSet<>(result.getJsonArray("pids").getList()))
          .as("sessions spread over every process")
          .hasSize(processes);
    }
  }

  @Test
  void withoutStickySessionsLongPollingBreaksAcrossProcesses() throws Exception {
    site(2, false);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      awaitGarden(sidecar, 2);

      JsonObject result = clients(sidecar, 10, "polling");

      assertThat(result.getJsonArray("errors"))
          .as(
              "round-robin alternates processes, so the"
                  + " second poll meets a process that does not know the session")
          .isNotEmpty();
    }
  }

  @Test
  void theCookieIsScopedAndAClientWhoseProcessIsGoneMovesOn() throws Exception {
    site(2, true);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      awaitGarden(sidecar, 2);
      HttpResponse<String> first = sidecar.get("/server.js");
      String setCookie = first.headers().firstValue("set-cookie").orElseThrow();
      // Attribute names are case-insensitive (Netty writes HTTPOnly).
      assertThat(setCookie)
          .matches(
              "webgarden-sticky-[0-9a-f]{8}=[0-9a-f]+; Path=/;" + " (?i:HttpOnly); SameSite=Lax");
      String cookie = setCookie.substring(0, setCookie.indexOf(';'));
      long pinned = NodeApps.pid(first);
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> again = withCookie(sidecar, cookie);
        assertThat(NodeApps.pid(again)).isEqualTo(pinned);
        assertThat(again.headers().firstValue("set-cookie")).as("unchanged pin").isEmpty();
      }

      ProcessHandle process = ProcessHandle.of(pinned).orElseThrow();
      process.destroyForcibly();
      process.onExit().get(10, TimeUnit.SECONDS);
      HttpResponse<String> moved = withCookie(sidecar, cookie);

      assertThat(moved.statusCode()).isEqualTo(200);
      assertThat(NodeApps.pid(moved)).isNotEqualTo(pinned);
      assertThat(moved.headers().firstValue("set-cookie").orElseThrow())
          .startsWith(cookie.substring(0, cookie.indexOf('=') + 1))
          .doesNotStartWith(cookie + ";");
    }
  }

  private void site(int processes, boolean sticky) throws IOException {
    new TestSite(root)
        .file(
            "web.config",
            """
        <configuration>
          <system.webServer>
            <handlers>
              <add name="iisnode" path="server.js" verb="*" modules="iisnode"/>
            </handlers>
            <rewrite>
              <rules>
                <rule name="socket.io"><match url="^socket.io/"/>
                  <action type="Rewrite" url="server.js"/></rule>
              </rules>
            </rewrite>
            <iisnode nodeProcessCountPerApplication="%d" nodeProcessStickySessions="%s"/>
          </system.webServer>
        </configuration>
        """
                .formatted(processes, sticky));
    Files.copy(FIXTURE.resolve("server.js"), root.resolve("server.js"));
    Files.createSymbolicLink(root.resolve("node_modules"), installed().resolve("node_modules"));
  }

  private static void awaitGarden(RunningSidecar sidecar, int processes) {
    assertThat(sidecar.get("/server.js").statusCode()).isEqualTo(200);
    await().atMost(DEADLINE).until(() -> pids(sidecar, "/server.js", "ready").size() == processes);
  }

  private static HttpResponse<String> withCookie(RunningSidecar sidecar, String cookie) {
    return sidecar.send(
        HttpRequest.newBuilder(sidecar.uri("/server.js")).header("Cookie", cookie).build());
  }

  /** Runs the fixture's client.js against the sidecar; its one-line JSON report. */
  private JsonObject clients(RunningSidecar sidecar, int count, String transports)
      throws Exception {
    String out =
        run(
                new ProcessBuilder(
                    "node",
                    FIXTURE.resolve("client.js").toString(),
                    sidecar.uri("").toString(),
                    Integer.toString(count),
                    transports),
                Duration.ofSeconds(60))
            .output();
    List<String> lines = out.lines().filter(line -> line.startsWith("{")).toList();
    assertThat(lines).as(out).hasSize(1);
    return new JsonObject(lines.get(0));
  }

  /** Installs socket.io and its client from the committed lock file once. */
  private static synchronized Path installed() throws IOException {
    if (Files.isDirectory(FIXTURE.resolve("node_modules").resolve("socket.io-client"))) {
      return FIXTURE;
    }
    try {
      Finished npm =
          run(
              new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                  .directory(FIXTURE.toFile()),
              Duration.ofMinutes(5));
      assertThat(npm.exitCode() == 0).as("npm ci in %s: %s", FIXTURE, npm.output()).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return FIXTURE;
  }

  /**
   * Runs {@code command} with its output going to a temp file rather than a pipe, so that a child
   * that hangs is killed after {@code limit} and fails the test instead of blocking a read forever.
   */
  private static Finished run(ProcessBuilder command, Duration limit)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("sticky-sessions-", ".out");
    try {
      Process process = command.redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail(command.command() + " still running after " + limit + "; output:\n" + read(output));
      }
      return new Finished(process.exitValue(), read(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String read(Path output) throws IOException {
    return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
  }

  /** A child process that exited in time: its exit code and its stdout and stderr together. */
  private record Finished(int exitCode, String output) {}
}
