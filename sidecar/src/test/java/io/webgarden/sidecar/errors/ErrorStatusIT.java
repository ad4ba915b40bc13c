package io.webgarden.sidecar.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statuses iisnode users see, with real node processes that fail in each way. */
class ErrorStatusIT {
  @TempDir Path root;

  @Test
  void failuresOfTheApplicationAnswer500AsIisnodeDid() {
    String bare = "devErrorsEnabled=\"false\"";
    new TestSite(root)
        .handler("missing", "app.js", bare + " nodeProcessCommandLine=\"/no/such/node\"")
        .file("missing/app.js", NodeApps.ECHO)
        .handler("deaf", "app.js", bare + " processStartTimeoutMs=\"800\"")
        .file("deaf/app.js", NodeApps.NEVER_LISTENS)
        .handler("crash", "app.js", bare)
        .file("crash/app.js", NodeApps.CRASH_ONCE)
        .handler("dev", "app.js", "nodeProcessCommandLine=\"/no/such/node\"")
        .file("dev/app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertBare500(sidecar.get("/missing/app.js"), "app-start-failed");
      assertBare500(sidecar.get("/deaf/app.js"), "app-not-listening");
      assertBare500(
          sidecar.send(
              HttpRequest.newBuilder(sidecar.uri("/crash/app.js/crash-once"))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build()),
          "app-crashed");

      HttpResponse<String> page = sidecar.get("/dev/app.js");
      assertThat(page.statusCode()).as("iisnode's dev pages are 200").isEqualTo(200);
      assertThat(page.headers().firstValue("webgarden-error")).hasValue("app-start-failed");
      assertThat(page.body()).contains("<h1>500 Internal Server Error</h1>");
    }
  }

  @Test
  void rejectionsOfTheRequestKeepTheirStatusOnTheDevPage() {
    new TestSite(root)
        .handler("", "app.js", "maxRequestBufferSize=\"4096\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> tooBig =
          sidecar.send(
              HttpRequest.newBuilder(sidecar.uri("/app.js"))
                  .header("X-Big", "x".repeat(5000))
                  .build());

      assertThat(tooBig.statusCode()).isEqualTo(431);
      assertThat(tooBig.headers().firstValue("webgarden-error")).hasValue("header-too-large");
      assertThat(tooBig.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
      assertThat(tooBig.body()).contains("maxRequestBufferSize");
    }
  }

  private static void assertBare500(HttpResponse<String> response, String cause) {
    assertThat(response.statusCode()).as(cause).isEqualTo(500);
    assertThat(response.headers().firstValue("webgarden-error")).hasValue(cause);
    assertThat(response.body()).isEqualTo("500 Internal Server Error\n");
  }
}
