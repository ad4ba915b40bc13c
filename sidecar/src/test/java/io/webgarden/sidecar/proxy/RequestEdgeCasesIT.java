package io.webgarden.sidecar.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests whose shape once tripped the proxy: small idempotent bodies, Expect, walk-aways. */
class RequestEdgeCasesIT {
  @TempDir Path root;

  @Test
  void idempotentRequestsWithSmallBodiesAreAnswered() {
    new TestSite(root).handler("", "app.js", "").file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      for (String method : new String[] {"PUT", "DELETE", "OPTIONS", "GET"}) {
        HttpResponse<String> response =
            sidecar.send(
                HttpRequest.newBuilder(sidecar.uri("/app.js"))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.ofString("x".repeat(1000)))
                    .build());
        assertThat(response.statusCode()).as(method).isEqualTo(200);
        assertThat(response.body()).as(method).contains("\"bodyLength\":1000");
      }
    }
  }

  @Test
  void expectContinueIsAnsweredAtOnce() throws Exception {
    new TestSite(root).handler("", "app.js", "").file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root);
        Socket socket = new Socket("127.0.0.1", sidecar.sidecar().port())) {
      socket.setSoTimeout(3000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(
          ("POST /app.js HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
                  + "Expect: 100-continue\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] interim = new byte[25];
      int read = in.readNBytes(interim, 0, interim.length);
      assertThat(new String(interim, 0, read, StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 100 Continue");
      out.write("hello".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String rest = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(rest).contains("200 OK", "\"bodyLength\":5");
    }
  }

  @Test
  void aQueueRejectionIsA503EvenWithDevErrors() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "maxConcurrentRequestsPerProcess=\"1\" maxPendingRequests=\"0\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      // With no queue, even the requests that arrive while the process starts are refused.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sidecar.get("/app.js").statusCode() == 200);
      CompletableFuture<HttpResponse<String>> busy =
          sidecar
              .client()
              .sendAsync(
                  HttpRequest.newBuilder(sidecar.uri("/app.js?ms=1500")).build(),
                  HttpResponse.BodyHandlers.ofString());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sidecar.get("/app.js?probe").statusCode() == 503);
      HttpResponse<String> rejected = sidecar.get("/app.js?rejected");
      assertThat(rejected.statusCode()).isEqualTo(503);
      assertThat(rejected.headers().firstValue("webgarden-error")).hasValue("queue-full");
      assertThat(rejected.body()).contains("<h1>503 Service Unavailable</h1>");
      assertThat(busy.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aClientThatGivesUpWhileQueuedFreesItsPlace() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "maxConcurrentRequestsPerProcess=\"1\" maxPendingRequests=\"1\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(sidecar.get("/app.js").statusCode()).isEqualTo(200);
      CompletableFuture<HttpResponse<String>> busy =
          sidecar
              .client()
              .sendAsync(
                  HttpRequest.newBuilder(sidecar.uri("/app.js?ms=2000")).build(),
                  HttpResponse.BodyHandlers.ofString());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  queued(sidecar) == 0
                      && sidecar
                          .send(HttpRequest.newBuilder(sidecar.adminUri("/apps")).build())
                          .body()
                          .contains("\"activeRequests\" : 1"));
      try (Socket walkAway = new Socket("127.0.0.1", sidecar.sidecar().port())) {
        walkAway
            .getOutputStream()
            .write(
                "GET /app.js?gone HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(5)).until(() -> queued(sidecar) == 1);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> queued(sidecar) == 0);
      CompletableFuture<HttpResponse<String>> next =
          sidecar
              .client()
              .sendAsync(
                  HttpRequest.newBuilder(sidecar.uri("/app.js?next")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(next.get(10, TimeUnit.SECONDS).statusCode())
          .as("queued in the place the walk-away left")
          .isEqualTo(200);
      assertThat(busy.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  private static int queued(RunningSidecar sidecar) {
    String apps = sidecar.send(HttpRequest.newBuilder(sidecar.adminUri("/apps")).build()).body();
    int at = apps.indexOf("\"queuedRequests\" : ");
    return Integer.parseInt(apps.substring(at + 19, apps.indexOf(',', at)).strip());
  }
}
