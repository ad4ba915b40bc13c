package io.webgarden.sidecar.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HEAD, 204 and 304 answers carry no body and do not hang. They all run on one keep-alive
 * connection: a stray body byte would corrupt the next status line, and a missing end would make
 * the next read time out.
 */
class BodilessResponsesIT {
  @TempDir static Path root;
  static Lab lab;

  @BeforeAll
  static void start() {
    lab = Lab.start(root, Map.of("lab", ""));
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  private static String get(String method, String route) {
    return method + " /lab/lab.js/" + route + " HTTP/1.1\r\nHost: lab\r\n\r\n";
  }

  /** The connection still works: the next response parses and has its whole body. */
  private static void assertNextRequestIsServed(RawHttp connection) throws IOException {
    RawHttp.Response next = connection.send(get("GET", "stats")).read("GET");
    assertThat(next.status()).isEqualTo(200);
    assertThat(new JsonObject(next.text()).containsKey("connections")).isTrue();
  }

  /**
   * With node's Content-Length the HEAD answer keeps it; for a chunked one none is right, since a
   * Content-Length on HEAD must be the GET's, which nobody knows.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      value = {"download?bytes=1000&length=1, 1000", "download?bytes=1000, null"},
      nullValues = "null")
  void headSendsNoBody(String route, String contentLength) throws IOException {
    try (RawHttp connection = new RawHttp(lab.port())) {
      RawHttp.Response head = connection.send(get("HEAD", route)).read("HEAD");

      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-length")).isEqualTo(contentLength);
      assertThat(head.header("transfer-encoding")).isNull();
      assertNextRequestIsServed(connection);
    }
  }

  @Test
  void noContentAndNotModifiedPassThroughWithoutABody() throws IOException {
    try (RawHttp connection = new RawHttp(lab.port())) {
      RawHttp.Response noContent = connection.send(get("GET", "status?code=204")).read("GET");
      RawHttp.Response notModified = connection.send(get("GET", "status?code=304")).read("GET");

      assertThat(noContent.status()).isEqualTo(204);
      assertThat(noContent.header("content-length")).isNull();
      assertThat(noContent.header("transfer-encoding")).isNull();
      assertThat(notModified.status()).isEqualTo(304);
      assertThat(notModified.header("etag")).isEqualTo("\"v1\"");
      assertThat(notModified.header("transfer-encoding")).isNull();
      assertNextRequestIsServed(connection);
    }
  }
}
