package io.webgarden.sidecar.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.TestSite;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code kubectl logs} shows: the shaded jar run as a separate process, its stdout read line
 * by line while real node apps print.
 */
class StdoutMirrorIT {
  private static final Path JAR = Path.of("target", "webgarden-sidecar.jar");
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path root;

  /** The jar serving {@code site}, with its stdout collected. */
  private static final class Jar implements AutoCloseable {
    final Process process;
    final int port;
    final List<String> stdout = new CopyOnWriteArrayList<>();

    Jar(Path site, Map<String, String> env) throws IOException {
      port = freePort();
      List<String> command = List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
          JAR.toString(), "serve", site.toString(), "--port", Integer.toString(port),
          "--admin-port", Integer.toString(freePort()));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().keySet()
          .removeIf(key -> key.startsWith("IISNODE_") || key.equals("NODE_ENV"));
      builder.environment().putAll(env);
      process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            stdout.add(line);
          }
        } catch (IOException closed) {
          // the process ended
        }
      }, "sidecar-stdout");
      reader.setDaemon(true);
      reader.start();
      await().atMost(DEADLINE).until(() -> stdout.stream().anyMatch(l -> l.contains("http://")));
    }

    HttpResponse<String> get(String path) throws Exception {
      return CLIENT.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    String awaitLine(Predicate<String> matching) {
      return await().atMost(DEADLINE)
          .until(() -> stdout.stream().filter(matching).findFirst(), found -> found.isPresent())
          .orElseThrow();
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void textLinesNameAppPidAndStreamAndEachRequestGetsAnAccessLine() throws Exception {
    new TestSite(root).handler("", "app.js", "").file("app.js", LogApps.CHATTY)
        .handler("quiet", "app.js", "accessLogEnabled=\"false\"")
        .file("quiet/app.js", LogApps.CHATTY);
    try (Jar jar = new Jar(root, Map.of())) {
      HttpResponse<String> response = jar.get("/app.js?say=hello-kubectl");
      long pid = NodeApps.pid(response);

      jar.awaitLine(("[/app.js pid=" + pid + " stderr] booting " + pid + " on stderr é✓")::equals);
      jar.awaitLine(("[/app.js pid=" + pid + " stdout] hello-kubectl")::equals);
      String access = jar.awaitLine(l -> l.startsWith("[access] GET /app.js?say=hello-kubectl "));
      assertThat(access).matches("\\[access\\] GET /app\\.js\\?say=hello-kubectl 200 bytes="
          + response.body().length() + " time=\\d+ms pid=" + pid + " wait=\\d+ms");

      // accessLogEnabled=false: the app's own output still shows, its requests do not.
      long quiet = NodeApps.pid(jar.get("/quiet/app.js?say=quiet-request"));
      jar.awaitLine(("[/quiet/app.js pid=" + quiet + " stdout] quiet-request")::equals);
      jar.get("/app.js?say=after-quiet");
      jar.awaitLine(l -> l.startsWith("[access] GET /app.js?say=after-quiet "));
      assertThat(jar.stdout).noneMatch(l -> l.contains("[access]") && l.contains("/quiet/"));
    }
  }

  @Test
  void jsonLinesWhenLogFormatIsJson() throws Exception {
    new TestSite(root).handler("", "app.js", "").file("app.js", LogApps.CHATTY);
    try (Jar jar = new Jar(root, Map.of("IISNODE_logFormat", "json"))) {
      HttpResponse<String> response = jar.get("/app.js?say=%22quoted%22");
      long pid = NodeApps.pid(response);

      JsonObject err = new JsonObject(jar.awaitLine(l -> l.startsWith("{")
          && l.contains("\"stream\":\"stderr\"") && l.contains("booting")));
      JsonObject out = new JsonObject(jar.awaitLine(l -> l.startsWith("{")
          && l.contains("\"stream\":\"stdout\"")));
      JsonObject access = new JsonObject(jar.awaitLine(l -> l.startsWith("{")
          && l.contains("\"type\":\"access\"")));

      assertThat(err.getString("app")).isEqualTo("/app.js");
      assertThat(err.getLong("pid")).isEqualTo(pid);
      assertThat(err.getString("message")).isEqualTo("booting " + pid + " on stderr é✓");
      assertThat(err.getString("time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(out.getString("message")).isEqualTo("\"quoted\"");
      assertThat(access.getString("method")).isEqualTo("GET");
      assertThat(access.getString("url")).isEqualTo("/app.js?say=%22quoted%22");
      assertThat(access.getInteger("status")).isEqualTo(200);
      assertThat(access.getLong("bytes")).isEqualTo(response.body().length());
      assertThat(access.getLong("pid")).isEqualTo(pid);
      assertThat(access.getLong("durationMs")).isNotNegative();
      assertThat(access.getLong("queueWaitMs")).isNotNegative();
    }
  }

  @Test
  void longLinesFromTwoProcessesPrintingAtOnceNeverInterleave() throws Exception {
    int lines = 200;
    int width = 16_000;
    new TestSite(root).handler("", "app.js", "nodeProcessCountPerApplication=\"2\"")
        .file("app.js", """
            const http = require('http');
            const c = String.fromCharCode(65 + process.pid %% 26);
            let i = 0;
            const print = () => {
              console.log(process.pid + ':' + c.repeat(%d) + ':' + i);
              if (++i < %d) { setImmediate(print); }
            };
            print();
            http.createServer((req, res) => res.end(JSON.stringify({ pid: process.pid })))
              .listen(process.env.PORT);
            """.formatted(width, lines));
    try (Jar jar = new Jar(root, Map.of())) {
      jar.get("/app.js");
      Pattern mirrored = Pattern.compile("\\[/app\\.js pid=(\\d+) stdout\\] (\\d+):(.*):(\\d+)");

      await().atMost(DEADLINE).until(() -> jar.stdout.stream()
          .filter(l -> l.startsWith("[/app.js ")).count() >= 2L * lines);

      List<String> appLines = jar.stdout.stream().filter(l -> l.startsWith("[/app.js ")).toList();
      List<String> broken = new ArrayList<>();
      for (String line : appLines) {
        Matcher m = mirrored.matcher(line);
        String body = m.matches() ? m.group(3) : "";
        boolean whole = m.matches() && m.group(1).equals(m.group(2)) && body.length() == width
            && body.chars().allMatch(ch -> ch == body.charAt(0));
        if (!whole) {
          broken.add(line.substring(0, Math.min(80, line.length())));
        }
      }
      assertThat(broken).isEmpty();
      Map<String, Long> perProcess = appLines.stream().collect(Collectors.groupingBy(
          l -> l.substring(0, l.indexOf(' ', 9)), Collectors.counting()));
      assertThat(perProcess).hasSize(2).allSatisfy((pid, count) -> assertThat(count)
          .isEqualTo(lines));
    }
  }
}
