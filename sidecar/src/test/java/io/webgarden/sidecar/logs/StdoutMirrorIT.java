package io.webgarden.sidecar.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.SidecarJar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path root;

  @Test
  void textLinesNameAppPidAndStreamAndEachRequestGetsAnAccessLine() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "")
        .file("app.js", LogApps.CHATTY)
        .handler("quiet", "app.js", "accessLogEnabled=\"false\"")
        .file("quiet/app.js", LogApps.CHATTY);
    try (SidecarJar jar = SidecarJar.start(root, Map.of())) {
      HttpResponse<String> response = jar.get("/app.js?say=hello-kubectl");
      long pid = NodeApps.pid(response);

      jar.awaitLine(("[/app.js pid=" + pid + " stderr] booting " + pid + " on stderr é✓")::equals);
      jar.awaitLine(("[/app.js pid=" + pid + " stdout] hello-kubectl")::equals);
      String access = jar.awaitLine(l -> l.startsWith("[access] GET /app.js?say=hello-kubectl "));
      assertThat(access)
          .matches(
              "\\[access\\] GET /app\\.js\\?say=hello-kubectl 200 bytes="
                  + response.body().length()
                  + " time=\\d+ms pid="
                  + pid
                  + " wait=\\d+ms");

      // accessLogEnabled=false: the app's own output still shows, its requests do not.
      long quiet = NodeApps.pid(jar.get("/quiet/app.js?say=quiet-request"));
      jar.awaitLine(("[/quiet/app.js pid=" + quiet + " stdout] quiet-request")::equals);
      jar.get("/app.js?say=after-quiet");
      jar.awaitLine(l -> l.startsWith("[access] GET /app.js?say=after-quiet "));
      assertThat(jar.stdout()).noneMatch(l -> l.contains("[access]") && l.contains("/quiet/"));
    }
  }

  @Test
  void jsonLinesWhenLogFormatIsJson() throws Exception {
    new TestSite(root).handler("", "app.js", "").file("app.js", LogApps.CHATTY);
    try (SidecarJar jar = SidecarJar.start(root, Map.of("IISNODE_logFormat", "json"))) {
      HttpResponse<String> response = jar.get("/app.js?say=%22quoted%22");
      long pid = NodeApps.pid(response);

      JsonObject err =
          new JsonObject(
              jar.awaitLine(
                  l ->
                      l.startsWith("{")
                          && l.contains("\"stream\":\"stderr\"")
                          && l.contains("booting")));
      JsonObject out =
          new JsonObject(
              jar.awaitLine(l -> l.startsWith("{") && l.contains("\"stream\":\"stdout\"")));
      JsonObject access =
          new JsonObject(
              jar.awaitLine(l -> l.startsWith("{") && l.contains("\"type\":\"access\"")));

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
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"2\"")
        .file(
            "app.js",
            """
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
            """
                .formatted(width, lines));
    try (SidecarJar jar = SidecarJar.start(root, Map.of())) {
      jar.get("/app.js");
      Pattern mirrored = Pattern.compile("\\[/app\\.js pid=(\\d+) stdout\\] (\\d+):(.*):(\\d+)");

      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  jar.stdout().stream().filter(l -> l.startsWith("[/app.js ")).count()
                      >= 2L * lines);

      List<String> appLines = jar.stdout().stream().filter(l -> l.startsWith("[/app.js ")).toList();
      List<String> broken = new ArrayList<>();
      for (String line : appLines) {
        Matcher m = mirrored.matcher(line);
        String body = m.matches() ? m.group(3) : "";
        boolean whole =
            m.matches()
                && m.group(1).equals(m.group(2))
                && body.length() == width
                && body.chars().allMatch(ch -> ch == body.charAt(0));
        if (!whole) {
          broken.add(line.substring(0, Math.min(80, line.length())));
        }
      }
      assertThat(broken).isEmpty();
      Map<String, Long> perProcess =
          appLines.stream()
              .collect(
                  Collectors.groupingBy(
                      l -> l.substring(0, l.indexOf(' ', 9)), Collectors.counting()));
      assertThat(perProcess)
          .hasSize(2)
          .allSatisfy((pid, count) -> assertThat(count).isEqualTo(lines));
    }
  }
}
