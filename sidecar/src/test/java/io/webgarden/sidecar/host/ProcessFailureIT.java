package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessFailureIT {
  @TempDir Path root;

  @Test
  void anIdempotentRequestWhoseProcessDiesIsRetriedOnAnotherProcess() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"2\"")
        .file("app.js", NodeApps.CRASH_ONCE);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(sidecar.get("/app.js/warm").statusCode()).isEqualTo(200);
      assertThat(sidecar.get("/app.js/warm").statusCode()).isEqualTo(200);

      HttpResponse<String> retried = sidecar.get("/app.js/crash-once");

      assertThat(retried.statusCode()).isEqualTo(200);
      long crashedPid = Long.parseLong(Files.readString(root.resolve("crashed.marker")));
      assertThat(NodeApps.pid(retried)).isNotEqualTo(crashedPid);
    }
  }

  @Test
  void aProcessThatExitsIsReplaced() throws Exception {
    new TestSite(root).handler("", "app.js", "").file("app.js", NodeApps.CRASH_ONCE);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long first = NodeApps.pid(sidecar.get("/app.js"));
      HttpResponse<String> crashed =
          sidecar.send(
              HttpRequest.newBuilder(sidecar.uri("/app.js/crash-once"))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build());
      assertThat(crashed.headers().firstValue("webgarden-error")).hasValue("app-crashed");

      // A queued request waits for the replacement instead of failing.
      HttpResponse<String> after = sidecar.get("/app.js");

      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(NodeApps.pid(after)).isNotEqualTo(first);
    }
  }

  @Test
  void aNonIdempotentRequestOnADyingProcessGets500OrTheDevErrorPage() throws Exception {
    new TestSite(root)
        .handler("prod", "app.js", "devErrorsEnabled=\"false\"")
        .file("prod/app.js", NodeApps.CRASH_ONCE)
        .handler("dev", "app.js", "")
        .file("dev/app.js", NodeApps.CRASH_ONCE);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> bare =
          sidecar.send(
              HttpRequest.newBuilder(sidecar.uri("/prod/app.js/crash-once"))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build());
      assertThat(bare.statusCode()).isEqualTo(500);
      assertThat(bare.headers().firstValue("webgarden-error")).hasValue("app-crashed");
      assertThat(bare.body()).doesNotContain("<html");

      HttpResponse<String> page =
          sidecar.send(
              HttpRequest.newBuilder(sidecar.uri("/dev/app.js/crash-once"))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build());
      assertThat(page.statusCode()).as("iisnode's convention for dev errors").isEqualTo(200);
      assertThat(page.headers().firstValue("webgarden-error")).hasValue("app-crashed");
      assertThat(page.body())
          .contains("<h1>500 Internal Server Error</h1>", "closed the connection");
    }
  }

  @Test
  void aScriptThatThrowsAtLoadAnswersWithItsOutputFastOrABare500() throws Exception {
    new TestSite(root)
        .handler("dev", "app.js", "")
        .file("dev/app.js", NodeApps.THROWS_AT_LOAD)
        .handler("prod", "app.js", "devErrorsEnabled=\"false\"")
        .file("prod/app.js", NodeApps.THROWS_AT_LOAD);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long before = System.nanoTime();
      HttpResponse<String> page = sidecar.get("/dev/app.js");
      long tookMillis = (System.nanoTime() - before) / 1_000_000;

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("webgarden-error")).hasValue("app-start-failed");
      assertThat(page.body())
          .contains("exited with code 1 before it listened")
          .contains("starting up", "about to fail &lt;loudly&gt;", "boom: missing configuration")
          .contains("nodeProcessCommandLine");
      assertThat(tookMillis).as("detected by the exit, not a timeout").isLessThan(5000);

      HttpResponse<String> bare = sidecar.get("/prod/app.js");
      assertThat(bare.statusCode()).isEqualTo(500);
      assertThat(bare.body()).doesNotContain("boom");
    }
  }

  @Test
  void aMissingExecutableAndAProcessThatNeverListensAreReported() throws Exception {
    new TestSite(root)
        .handler("missing", "app.js", "nodeProcessCommandLine=\"/no/such/node\"")
        .file("missing/app.js", NodeApps.ECHO)
        .handler("deaf", "app.js", "processStartTimeoutMs=\"800\"")
        .file("deaf/app.js", NodeApps.NEVER_LISTENS);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> missing = sidecar.get("/missing/app.js");
      assertThat(missing.headers().firstValue("webgarden-error")).hasValue("app-start-failed");
      assertThat(missing.body()).contains("could not be started", "/no/such/node");

      HttpResponse<String> deaf = sidecar.get("/deaf/app.js");
      assertThat(deaf.headers().firstValue("webgarden-error")).hasValue("app-not-listening");
      assertThat(deaf.body())
          .contains(
              "did not listen on PORT within 800 ms (processStartTimeoutMs)",
              "listening on the wrong thing");
    }
  }

  @Test
  void aSlowStartGetsAllOfProcessStartTimeoutMsWhateverTheIisnodeRetryCount() {
    // iisnode's retry count x delay is 300 ms here; processStartTimeoutMs alone is the limit.
    new TestSite(root)
        .handler(
            "",
            "app.js",
            "processStartTimeoutMs=\"20000\""
                + " maxNamedPipeConnectionRetry=\"3\" namedPipeConnectionRetryDelay=\"100\"")
        .file("app.js", "setTimeout(() => {\n" + NodeApps.ECHO + "}, 1500);\n");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> slow = sidecar.get("/app.js");

      assertThat(slow.headers().firstValue("webgarden-error")).isEmpty();
      assertThat(slow.statusCode()).isEqualTo(200);
      assertThat(NodeApps.pid(slow)).isPositive();
    }
  }

  @Test
  void crashRestartsBackOffInsteadOfSpinning() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "")
        .file(
            "app.js",
            """
        const http = require('http');
        http.createServer((req, res) => res.end('ok')).listen(process.env.PORT);
        setTimeout(() => process.exit(9), 300);
        """);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long started = System.nanoTime();
      sidecar.get("/app.js");
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> starts(sidecar) >= 4);
      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      // Three crashes after 300 ms each take 900 ms; the back-off adds 100 + 200 + 400 ms.
      // A slow machine only makes it longer, so this lower bound cannot fail spuriously.
      assertThat(tookMillis).isGreaterThanOrEqualTo(1500);
    }
  }

  private static double starts(RunningSidecar sidecar) {
    return sidecar
        .send(HttpRequest.newBuilder(sidecar.adminUri("/metrics")).build())
        .body()
        .lines()
        .filter(l -> l.startsWith("webgarden_process_starts_total{app=\"/app.js\"}"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
