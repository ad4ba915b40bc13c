package io.webgarden.sidecar.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one error writer's answer, as a client sees it from a real server on 127.0.0.1. */
class ErrorResponderIT {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    ErrorResponder errors = new ErrorResponder();
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(
                request -> {
                  // What a response someone else began preparing may already carry.
                  request
                      .response()
                      .putHeader("Connection", "close")
                      .putHeader("Set-Cookie", "from=the-app")
                      .putHeader("Content-Length", "999");
                  SidecarError error =
                      SidecarError.of(405, "method-not-allowed", "GET only.")
                          .withHeaders(Map.of("Allow", "GET, HEAD").entrySet());
                  errors.send(request, error, request.getHeader("x-dev") != null);
                });
    server.listen().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> send(String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/"))
            .POST(HttpRequest.BodyPublishers.ofString("x"));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theAnswerCarriesTheErrorsHeadersAndConnectionButNothingPreparedBefore() throws Exception {
    HttpResponse<String> response = send();

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).isEqualTo("405 Method Not Allowed\n");
    assertThat(response.headers().firstValue(ErrorResponder.ERROR_HEADER))
        .hasValue("method-not-allowed");
    assertThat(response.headers().firstValue("allow")).hasValue("GET, HEAD");
    assertThat(response.headers().firstValue("connection")).hasValue("close");
    assertThat(response.headers().firstValue("set-cookie")).isEmpty();
  }

  @Test
  void aHeadIsAnsweredWithTheHeadAloneDescribingTheBody() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              "HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(response)
          .startsWith("HTTP/1.1 405")
          .contains("webgarden-error: method-not-allowed");
      assertThat(response).containsIgnoringCase("content-type: text/plain; charset=utf-8");
      // The connection closes after the answer, so anything after the head would be a body.
      assertThat(response).endsWith("\r\n\r\n");
    }
  }

  @Test
  void withDevErrorsTheAnswerIsThePageAndARejectionKeepsItsStatus() throws Exception {
    HttpResponse<String> response = send("x-dev", "yes");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body()).contains("<h1>405 Method Not Allowed</h1>").contains("GET only.");
  }
}
