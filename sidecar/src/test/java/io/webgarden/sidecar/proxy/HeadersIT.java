package io.webgarden.sidecar.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.TestSite;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers cross the proxy as RFC 9110 says: end-to-end ones unchanged (repeats, Host and the URL
 * included), hop-by-hop ones dropped, and header blocks bounded by maxRequestBufferSize.
 */
class HeadersIT {
  @TempDir static Path root;
  static Lab lab;

  @BeforeAll
  static void start() {
    lab =
        Lab.start(
            root,
            Map.of(
                "lab",
                "",
                "small",
                "maxRequestBufferSize=\"4096\" devErrorsEnabled=\"false\""
                    + " pendingRequestTimeout=\"5000\""));
    new TestSite(root).file("static/hello.txt", "hello");
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  /** The request's headers as node received them, in order, as [name, value] pairs. */
  private static List<Map.Entry<String, String>> rawHeaders(JsonObject seen) {
    JsonArray flat = seen.getJsonArray("rawHeaders");
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (int i = 0; i < flat.size(); i += 2) {
      pairs.add(Map.entry(flat.getString(i).toLowerCase(Locale.ROOT), flat.getString(i + 1)));
    }
    return pairs;
  }

  private static List<String> values(List<Map.Entry<String, String>> headers, String name) {
    return headers.stream().filter(h -> h.getKey().equals(name)).map(Map.Entry::getValue).toList();
  }

  /** GETs {@code target} over a fresh raw connection with exactly these header lines. */
  private static RawHttp.Response rawGet(String target, String headerLines) throws IOException {
    try (RawHttp connection = new RawHttp(lab.port())) {
      return connection.send("GET " + target + " HTTP/1.1\r\n" + headerLines + "\r\n").read("GET");
    }
  }

  @Test
  void repeatedResponseHeadersReachTheClientAsSeparateFields() throws IOException {
    RawHttp.Response response = rawGet("/lab/lab.js/cookies", "Host: lab\r\n");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.all("set-cookie")).containsExactly("a=1; Path=/", "b=2; Path=/; HttpOnly");
    assertThat(response.all("x-repeated")).containsExactly("one", "two");
  }

  @Test
  void repeatedRequestHeadersReachNodeAsSeparateFields() {
    HttpResponse<String> response =
        lab.send(
            HttpRequest.newBuilder(lab.uri("/lab/lab.js/headers"))
                .header("X-Multi", "one")
                .header("X-Multi", "two")
                .build());

    List<Map.Entry<String, String>> seen = rawHeaders(new JsonObject(response.body()));
    assertThat(values(seen, "x-multi")).containsExactly("one", "two");
  }

  @Test
  void hopByHopRequestHeadersStopAtTheSidecar() throws IOException {
    try (RawHttp connection = new RawHttp(lab.port())) {
      RawHttp.Response response =
          connection
              .send(
                  """
          GET /lab/lab.js/headers HTTP/1.1\r
          Host: lab\r
          Connection: close, X-Custom-Hop\r
          X-Custom-Hop: listed in Connection\r
          Keep-Alive: timeout=5\r
          TE: trailers\r
          Proxy-Connection: keep-alive\r
          X-End-To-End: kept\r
          \r
          """)
              .read("GET");

      assertThat(response.status()).isEqualTo(200);
      List<Map.Entry<String, String>> seen = rawHeaders(new JsonObject(response.text()));
      assertThat(seen)
          .extracting(Map.Entry::getKey)
          .doesNotContain("x-custom-hop", "keep-alive", "te", "proxy-connection");
      assertThat(values(seen, "connection"))
          .noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("custom"));
      assertThat(values(seen, "x-end-to-end")).containsExactly("kept");
      // The client's own Connection: close still governs its connection to the sidecar.
      assertThat(connection.closedByPeer()).isTrue();
    }
  }

  @Test
  void connectionCloseAmongOtherTokensClosesAfterAStaticFile() throws IOException {
    try (RawHttp connection = new RawHttp(lab.port())) {
      RawHttp.Response response =
          connection
              .send(
                  "GET /static/hello.txt HTTP/1.1\r\n"
                      + "Host: lab\r\nConnection: close, X-Custom-Hop\r\n\r\n")
              .read("GET");

      assertThat(response.text()).isEqualTo("hello");
      assertThat(connection.closedByPeer()).isTrue();
    }
  }

  @Test
  void hopByHopResponseHeadersStopAtTheSidecar() throws IOException {
    RawHttp.Response response = rawGet("/lab/lab.js/hop", "Host: lab\r\n");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("hop");
    assertThat(response.headers())
        .extracting(h -> h.getKey().toLowerCase(Locale.ROOT))
        .doesNotContain("x-node-hop", "keep-alive", "proxy-connection");
    assertThat(response.all("connection"))
        .noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("node"));
    assertThat(response.all("x-end-to-end")).containsExactly("kept");
    assertThat(response.all("content-type")).containsExactly("text/plain");
  }

  @Test
  void theHostHeaderReachesNodeUnchanged() throws IOException {
    RawHttp.Response response = rawGet("/lab/lab.js/headers", "Host: Shop.Example.test:8443\r\n");

    List<Map.Entry<String, String>> seen = rawHeaders(new JsonObject(response.text()));
    assertThat(values(seen, "host")).containsExactly("Shop.Example.test:8443");
  }

  @Test
  void theOriginalUrlReachesNodeByteForByte() throws IOException {
    String url = "/lab/lab.js/headers/caf%C3%A9/a%20b/~x;p=1?q=a%20b&x=%41+1&empty=&&flag";
    RawHttp.Response response = rawGet(url, "Host: lab\r\n");

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(new JsonObject(response.text()).getString("url")).isEqualTo(url);
  }

  @Test
  void aRequestHeaderBlockOverMaxRequestBufferSizeGets431() {
    HttpResponse<String> tooBig =
        lab.send(
            HttpRequest.newBuilder(lab.uri("/small/lab.js/headers"))
                .header("X-Big", "x".repeat(5000))
                .build());
    HttpResponse<String> fits =
        lab.send(
            HttpRequest.newBuilder(lab.uri("/small/lab.js/headers"))
                .header("X-Big", "x".repeat(2000))
                .build());

    assertThat(tooBig.statusCode()).isEqualTo(431);
    assertThat(tooBig.headers().firstValue("webgarden-error")).hasValue("header-too-large");
    assertThat(fits.statusCode()).isEqualTo(200);
    assertThat(fits.headers().firstValue("webgarden-error")).isEmpty();
  }

  @Test
  void aResponseHeaderBlockOverMaxRequestBufferSizeGets500() {
    HttpResponse<String> tooBig = lab.get("/small/lab.js/big-response-header?bytes=5000");
    HttpResponse<String> fits = lab.get("/small/lab.js/big-response-header?bytes=2000");

    assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(500);
    assertThat(tooBig.headers().firstValue("webgarden-error"))
        .hasValue("response-header-too-large");
    assertThat(fits.statusCode()).isEqualTo(200);
    assertThat(fits.headers().firstValue("x-big"))
        .hasValueSatisfying(value -> assertThat(value).hasSize(2000));
  }

  @Test
  void aLiveProcessThatDropsTheConnectionGets500AtOnce() {
    long started = System.nanoTime();
    HttpResponse<String> response = lab.get("/small/lab.js/drop");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
    assertThat(response.headers().firstValue("webgarden-error")).hasValue("app-crashed");
    assertThat(tookMs).as("answered without waiting for the queue").isLessThan(2_000);
  }

  @Test
  void aResponseThatIsNotHttpGets500AtOnce() {
    HttpResponse<String> response = lab.get("/small/lab.js/garbage");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
    assertThat(response.headers().firstValue("webgarden-error")).hasValue("bad-response");
  }
}
