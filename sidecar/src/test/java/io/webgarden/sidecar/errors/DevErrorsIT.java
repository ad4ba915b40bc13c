package io.webgarden.sidecar.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev error page's defaults and content with real node processes; the failure kinds themselves
 * are in {@code host/ProcessFailureIT}.
 */
class DevErrorsIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final Pattern OUTPUT = Pattern.compile("<pre>(.*?)</pre>", Pattern.DOTALL);

  /**
   * Prints what {@code OUTPUT_JS} builds at load, then listens; {@code POST /crash} exits without
   * answering.
   */
  private static final String CRASH_ON_POST =
      """
      const http = require('http');
      %s
      console.log('loaded');
      http.createServer((req, res) => {
        if (req.url.endsWith('/crash')) { process.exit(7); }
        res.end(JSON.stringify({ pid: process.pid, url: req.url }));
      }).listen(process.env.PORT);
      """;

  @TempDir Path root;

  private static HttpResponse<String> postCrash(RunningSidecar sidecar, String app) {
    return sidecar.send(
        HttpRequest.newBuilder(sidecar.uri(app + "/crash"))
            .POST(HttpRequest.BodyPublishers.ofString("x"))
            .build());
  }

  /** Waits until the captured stdout log shows {@code line}, so the sidecar has read it. */
  private static void awaitCaptured(RunningSidecar sidecar, String folder, String line) {
    await()
        .atMost(DEADLINE)
        .until(
            () -> {
              String index = sidecar.get(folder + "iisnode/").body();
              Matcher file = Pattern.compile("href=\"([^\"]+-stdout-[^\"]+)\"").matcher(index);
              while (file.find()) {
                if (sidecar.get(folder + "iisnode/" + file.group(1)).body().contains(line)) {
                  return true;
                }
              }
              return false;
            });
  }

  private static String output(HttpResponse<String> page) {
    Matcher m = OUTPUT.matcher(page.body());
    assertThat(m.find()).as("an output section in " + page.body()).isTrue();
    return m.group(1);
  }

  @Test
  void productionHidesErrorsAndTheDebuggerByDefault() throws Exception {
    new TestSite(root)
        .handler("broken", "app.js", "")
        .file("broken/app.js", NodeApps.THROWS_AT_LOAD)
        .handler("", "app.js", "")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar =
        RunningSidecar.start(root, Map.of("NODE_ENV", "production"), null)) {
      HttpResponse<String> bare = sidecar.get("/broken/app.js");

      assertThat(bare.statusCode()).isEqualTo(500);
      assertThat(bare.headers().firstValue("webgarden-error")).hasValue("app-start-failed");
      assertThat(bare.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
      assertThat(bare.body()).isEqualTo("500 Internal Server Error\n");

      HttpResponse<String> debug = sidecar.get("/app.js/debug/");
      assertThat(debug.statusCode()).isEqualTo(200);
      assertThat(debug.body())
          .as("the app's echo, not the debugger")
          .contains("\"url\":\"/app.js/debug/\"", "\"NODE_ENV\":\"production\"");
    }
  }

  @Test
  void aProcessThatDiesBeforeAnsweringShowsItsLastOutputEscaped() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "")
        .file(
            "app.js",
            CRASH_ON_POST.formatted("console.error('<script>alert(\"x\")</script> & more');"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long pid = NodeApps.pid(sidecar.get("/app.js"));
      awaitCaptured(sidecar, "/", "loaded");

      HttpResponse<String> page = postCrash(sidecar, "/app.js");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("webgarden-error")).hasValue("app-crashed");
      assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body())
          .contains(
              "<h1>500 Internal Server Error</h1>",
              "The node process " + pid + " closed the connection",
              "nodeProcessCommandLine")
          .doesNotContain("<script>alert");
      assertThat(output(page))
          .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more", "loaded");
    }
  }

  @Test
  void theOutputOnThePageIsTheLast64KibOfManyLines() throws Exception {
    // 2000 lines of 103 bytes: about 200 KiB.
    new TestSite(root)
        .handler("", "app.js", "")
        .file(
            "app.js",
            CRASH_ON_POST.formatted(
                """
        for (let i = 0; i < 2000; i++) {
          console.log('out ' + String(i).padStart(4, '0') + ' ' + 'y'.repeat(93));
        }"""));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      sidecar.get("/app.js");
      awaitCaptured(sidecar, "/", "loaded");

      String output = output(postCrash(sidecar, "/app.js"));

      assertThat(output.length()).isBetween(60 * 1024, 64 * 1024);
      assertThat(output)
          .endsWith("out 1999 " + "y".repeat(93) + "\nloaded\n")
          .doesNotContain("out 0000 ", "out 1000 ");
    }
  }

  @Test
  void theOutputOnThePageIsTheLast64KibOfOneHugeLine() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "")
        .file(
            "app.js",
            CRASH_ON_POST.formatted("console.log('start-' + 'z'.repeat(200 * 1024) + '-end');"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      sidecar.get("/app.js");
      awaitCaptured(sidecar, "/", "loaded");

      String output = output(postCrash(sidecar, "/app.js"));

      assertThat(output.length()).isLessThanOrEqualTo(64 * 1024);
      assertThat(output).endsWith("-end\nloaded\n").doesNotContain("start-");
    }
  }
}
