package io.webgarden.sidecar.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bodies stream both ways, whole and intact, framed by Content-Length or chunked. */
class StreamingIT {
  private static final int SIZE = 30 * 1024 * 1024;
  private static final String SHA256 = PseudoRandomBytes.sha256(SIZE);

  @TempDir static Path root;
  static Lab lab;

  @BeforeAll
  static void start() {
    // 30 MiB is over IIS's default maxAllowedContentLength (30000000 bytes), raised as on IIS.
    new TestSite(root)
        .file(
            "web.config",
            """
        <configuration><system.webServer><security><requestFiltering>
          <requestLimits maxAllowedContentLength="100000000"/>
        </requestFiltering></security></system.webServer></configuration>
        """);
    lab =
        Lab.start(
            root,
            Map.of(
                "lab",
                "",
                "single",
                "maxConcurrentRequestsPerProcess=\"1\" pendingRequestTimeout=\"3000\""));
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  @ParameterizedTest(name = "{0} with Content-Length: {1}")
  @CsvSource({"POST, true", "POST, false", "PUT, true", "PUT, false"})
  void thirtyMebibyteUploadReachesNodeIntact(String method, boolean withLength) {
    BodyPublisher stream = BodyPublishers.ofInputStream(() -> new PseudoRandomBytes(SIZE));
    // A publisher of unknown length makes Java's client send Transfer-Encoding: chunked.
    BodyPublisher body = withLength ? BodyPublishers.fromPublisher(stream, SIZE) : stream;

    HttpResponse<String> response =
        lab.send(
            HttpRequest.newBuilder(lab.uri("/lab/lab.js/upload")).method(method, body).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject seen = new JsonObject(response.body());
    assertThat(seen.getLong("length")).isEqualTo(SIZE);
    assertThat(seen.getString("sha256")).isEqualTo(SHA256);
    if (withLength) {
      assertThat(seen.getString("contentLength")).isEqualTo(Integer.toString(SIZE));
      assertThat(seen.getString("transferEncoding")).isNull();
    } else {
      assertThat(seen.getString("contentLength")).isNull();
      assertThat(seen.getString("transferEncoding")).isEqualTo("chunked");
    }
  }

  @ParameterizedTest(name = "Content-Length from node: {0}")
  @CsvSource({"true", "false"})
  void thirtyMebibyteDownloadReachesTheClientIntact(boolean withLength) throws IOException {
    HttpResponse<InputStream> response =
        lab.send(
            HttpRequest.newBuilder(
                    lab.uri("/lab/lab.js/download?bytes=" + SIZE + (withLength ? "&length=1" : "")))
                .build(),
            BodyHandlers.ofInputStream());

    assertThat(response.statusCode()).isEqualTo(200);
    try (InputStream body = response.body()) {
      assertThat(PseudoRandomBytes.sha256(body)).isEqualTo(SHA256);
    }
    if (withLength) {
      assertThat(response.headers().firstValue("content-length")).hasValue(Integer.toString(SIZE));
    } else {
      assertThat(response.headers().firstValue("content-length")).isEmpty();
      assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
    }
  }

  @Test
  void theFirstPartOfAResponseArrivesBeforeNodeWritesTheSecond() throws IOException {
    try (RawHttp connection = new RawHttp(lab.port())) {
      connection.send("GET /lab/lab.js/two-parts?key=stream HTTP/1.1\r\nHost: lab\r\n\r\n");
      RawHttp.Response head = connection.readHead();
      assertThat(head.status()).isEqualTo(200);

      // Node holds the second part until /release; a buffering proxy would send nothing yet,
      // and this read would time out.
      assertThat(readChunks(connection, "first part\n".length())).isEqualTo("first part\n");
      assertThat(lab.get("/lab/lab.js/release?key=stream").statusCode()).isEqualTo(200);
      assertThat(readChunks(connection, "second part\n".length())).isEqualTo("second part\n");
      assertThat(connection.readChunk()).isEmpty();
    }
  }

  @Test
  void aChunkedRequestBodyStreamsToNodeChunkByChunk() throws IOException {
    try (RawHttp connection = new RawHttp(lab.port())) {
      connection
          .send(
              "POST /lab/lab.js/echo-stream HTTP/1.1\r\nHost: lab\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
          .chunk("ping-1");
      assertThat(connection.readHead().status()).isEqualTo(200);

      // Node echoes what it got so far: each piece comes back before the next is sent.
      assertThat(readChunks(connection, 6)).isEqualTo("ping-1");
      connection.chunk("ping-2");
      assertThat(readChunks(connection, 6)).isEqualTo("ping-2");
      connection.send("0\r\n\r\n");
      assertThat(connection.readChunk()).isEmpty();
    }
  }

  @Test
  void aClientThatHangsUpMidDownloadStopsNodeAndFreesTheProcessSlot() throws Exception {
    try (RawHttp connection = new RawHttp(lab.port())) {
      connection.send(
          "GET /single/lab.js/download?bytes=" + SIZE + " HTTP/1.1\r\nHost: lab\r\n\r\n");
      assertThat(connection.readHead().status()).isEqualTo(200);
      assertThat(connection.readChunk()).isNotEmpty();
    }

    // One request per process and a 3 s queue: a slot still held would answer 503.
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonObject stats = lab.json("/single/lab.js/stats");
    while (stats.getInteger("aborted") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20); // Polling interval only; the condition is what the test waits for.
      stats = lab.json("/single/lab.js/stats");
    }
    assertThat(stats.getInteger("aborted")).as("node saw its response cut off").isEqualTo(1);
  }

  /** Reads chunks until {@code length} bytes arrived (a proxy may split a chunk). */
  private static String readChunks(RawHttp connection, int length) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    while (text.size() < length) {
      byte[] chunk = connection.readChunk();
      assertThat(chunk).as("body ended after %s", text).isNotEmpty();
      text.write(chunk);
    }
    return text.toString(StandardCharsets.UTF_8);
  }
}
