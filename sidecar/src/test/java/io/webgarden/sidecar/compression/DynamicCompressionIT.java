package io.webgarden.sidecar.compression;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic compression (urlCompression/@doDynamicCompression) of node responses through a real
 * sidecar: which responses are compressed, what their heads become, that the body streams, and how
 * the flag inherits down the web.config chain. The site: the root declares {@code app.js} as the
 * handler and leaves the flag at its default (off); {@code on/} turns it on, {@code on/off/} back
 * off, {@code on/inherit/} has no web.config and {@code on/partial/} sets only the static flag.
 */
class DynamicCompressionIT {
  /** Routes: {@code /body?lines=N[&length=1][&type=T][&status=S][&<header>=V]}, {@code /parts}. */
  private static final String APP =
      """
      const http = require('http');
      const parked = new Map();
      http.createServer((req, res) => {
        const url = new URL(req.url, 'http://x');
        const q = name => url.searchParams.get(name);
        const route = url.pathname.split('.js/')[1] || '';
        if (route === 'release') {
          const resume = parked.get(q('key'));
          parked.delete(q('key'));
          if (resume) { resume(); }
          res.writeHead(resume ? 200 : 409, { 'Content-Type': 'text/plain' });
          res.end(resume ? 'released' : 'nothing parked');
          return;
        }
        if (route === 'parts') {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.write('first part\\n'.repeat(100));
          parked.set(q('key'), () => res.end('second part\\n'.repeat(100)));
          return;
        }
        const body = 'a line of text that compresses well\\n'.repeat(Number(q('lines') || 200));
        const headers = { 'Content-Type': q('type') || 'text/plain; charset=utf-8' };
        if (q('length') === '1') { headers['Content-Length'] = Buffer.byteLength(body); }
        for (const name of ['etag', 'vary', 'content-encoding', 'cache-control', 'content-range']) {
          if (q(name)) { headers[name] = q(name); }
        }
        const status = Number(q('status') || 200);
        res.writeHead(status, headers);
        res.end(status === 204 || status === 304 ? undefined : body);
      }).listen(process.env.PORT);
      """;

  private static final String BODY = "a line of text that compresses well\n".repeat(200);

  @TempDir static Path root;
  private static RunningSidecar sidecar;
  private static final HttpClient HTTP11 =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void start() {
    new TestSite(root)
        .handler("", "app.js", "")
        .file("app.js", APP)
        .file("on/app.js", APP)
        .file(
            "on/web.config", TestSite.webConfig("<urlCompression doDynamicCompression=\"true\"/>"))
        .file("on/off/app.js", APP)
        .file(
            "on/off/web.config",
            TestSite.webConfig("<urlCompression doDynamicCompression=\"false\"/>"))
        .file("on/inherit/app.js", APP)
        .file("on/partial/app.js", APP)
        .file(
            "on/partial/web.config",
            TestSite.webConfig("<urlCompression doStaticCompression=\"false\"/>"));
    sidecar = RunningSidecar.start(root);
  }

  @AfterAll
  static void stop() {
    if (sidecar != null) {
      sidecar.close();
    }
  }

  private static HttpResponse<byte[]> get(String path, String... headers) {
    return send("GET", path, headers);
  }

  private static HttpResponse<byte[]> send(String method, String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(sidecar.uri(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP11.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encoding(HttpResponse<?> response) {
    return response.headers().firstValue("content-encoding").orElse(null);
  }

  @Test
  void aTextResponseIsGzippedOrBrotliCompressedWithItsHeadRewritten() throws Exception {
    HttpResponse<byte[]> gzip =
        get("/on/app.js/body?length=1&etag=%22v7%22", "Accept-Encoding", "gzip");
    assertThat(gzip.statusCode()).isEqualTo(200);
    assertThat(encoding(gzip)).isEqualTo("gzip");
    assertThat(gzip.headers().firstValue("vary")).hasValue("Accept-Encoding");
    assertThat(gzip.headers().firstValue("content-length")).as("sent chunked").isEmpty();
    assertThat(gzip.headers().firstValue("transfer-encoding")).hasValue("chunked");
    assertThat(gzip.headers().firstValue("etag")).as("the bytes differ").hasValue("W/\"v7\"");
    assertThat(gzip.body().length).isLessThan(BODY.length() / 10);
    assertThat(gunzip(gzip.body())).isEqualTo(BODY);

    if (Brotli4jLoader.isAvailable()) {
      HttpResponse<byte[]> br = get("/on/app.js/body", "Accept-Encoding", "gzip;q=0.5, br");
      assertThat(encoding(br)).isEqualTo("br");
      DirectDecompress decoded = Decoder.decompress(br.body());
      assertThat(decoded.getResultStatus()).isEqualTo(DecoderJNI.Status.DONE);
      assertThat(new String(decoded.getDecompressedData(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    } else {
      System.out.println("brotli not checked: " + Brotli4jLoader.getUnavailabilityCause());
    }

    HttpResponse<byte[]> identity = get("/on/app.js/body?length=1");
    assertThat(encoding(identity)).as("no Accept-Encoding").isNull();
    assertThat(identity.headers().firstValue("vary")).hasValue("Accept-Encoding");
    assertThat(identity.headers().firstValue("content-length"))
        .hasValue(String.valueOf(BODY.length()));
    assertThat(new String(identity.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);

    HttpResponse<byte[]> merged =
        get("/on/app.js/body?vary=Origin,%20Cookie", "Accept-Encoding", "gzip");
    assertThat(merged.headers().allValues("vary"))
        .containsExactly("Origin, Cookie, Accept-Encoding");
    assertThat(gunzip(merged.body())).isEqualTo(BODY);
    HttpResponse<byte[]> everything = get("/on/app.js/body?vary=*", "Accept-Encoding", "gzip");
    assertThat(everything.headers().allValues("vary")).as("* covers it").containsExactly("*");
    assertThat(gunzip(everything.body())).isEqualTo(BODY);
    HttpResponse<byte[]> named =
        get("/on/app.js/body?vary=accept-encoding", "Accept-Encoding", "gzip");
    assertThat(named.headers().allValues("vary")).containsExactly("accept-encoding");
  }

  @Test
  void theFlagIsOffByDefaultAndInheritsDownTheWebConfigChain() throws Exception {
    assertThat(encoding(get("/app.js/body", "Accept-Encoding", "gzip"))).as("IIS default").isNull();
    assertThat(get("/app.js/body", "Accept-Encoding", "gzip").headers().firstValue("vary"))
        .isEmpty();
    assertThat(encoding(get("/on/app.js/body", "Accept-Encoding", "gzip"))).isEqualTo("gzip");
    assertThat(encoding(get("/on/off/app.js/body", "Accept-Encoding", "gzip")))
        .as("a child web.config turns it off")
        .isNull();
    HttpResponse<byte[]> inherited = get("/on/inherit/app.js/body", "Accept-Encoding", "gzip");
    assertThat(encoding(inherited)).as("a folder without web.config inherits").isEqualTo("gzip");
    assertThat(gunzip(inherited.body())).isEqualTo(BODY);
    assertThat(encoding(get("/on/partial/app.js/body", "Accept-Encoding", "gzip")))
        .as("a child that sets only doStaticCompression inherits doDynamicCompression")
        .isEqualTo("gzip");
  }

  @Test
  void responsesThatMustNotOrNeedNotBeCompressedPassAsTheAppSentThem() {
    String[][] cases = {
      {"/on/app.js/body?content-encoding=x-custom", "the app encoded it itself"},
      {"/on/app.js/body?type=image/png", "not in dynamicTypes"},
      {"/on/app.js/body?type=application/json", "not in IIS's dynamicTypes"},
      {"/on/app.js/body?type=text/event-stream", "an event stream"},
      {"/on/app.js/body?cache-control=no-transform", "Cache-Control: no-transform"},
      {"/on/app.js/body?lines=10&length=1", "Content-Length under minFileSizeForComp (2700)"},
      {"/on/app.js/body?status=206&content-range=bytes%200-7199/9000", "a range"},
    };
    for (String[] c : cases) {
      HttpResponse<byte[]> response = get(c[0], "Accept-Encoding", "gzip, br");
      String expected =
          c[0].contains("content-encoding") ? "x-custom" : null; // only the app's own coding
      assertThat(encoding(response)).as(c[1]).isEqualTo(expected);
      String body = c[0].contains("lines=10") ? BODY.substring(0, 360) : BODY;
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(c[1]).isEqualTo(body);
    }
    for (String status : new String[] {"204", "304"}) {
      HttpResponse<byte[]> bodiless =
          get("/on/app.js/body?etag=%22v1%22&status=" + status, "Accept-Encoding", "gzip");
      assertThat(bodiless.statusCode()).isEqualTo(Integer.parseInt(status));
      assertThat(encoding(bodiless)).as(status).isNull();
      assertThat(bodiless.headers().firstValue("etag")).as(status).hasValue("\"v1\"");
    }
    HttpResponse<byte[]> head = send("HEAD", "/on/app.js/body?length=1", "Accept-Encoding", "gzip");
    assertThat(encoding(head)).as("HEAD").isNull();
    assertThat(head.headers().firstValue("content-length")).hasValue(String.valueOf(BODY.length()));

    HttpResponse<byte[]> streamedSmall = get("/on/app.js/body?lines=10", "Accept-Encoding", "gzip");
    assertThat(encoding(streamedSmall))
        .as("a small body without Content-Length: its size is unknown when the head goes")
        .isEqualTo("gzip");
  }

  @Test
  void anHttp10ClientGetsTheIdentityBodyAsUnderIisNoCompressionForHttp10() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", sidecar.sidecar().port())) {
      socket.setSoTimeout(20_000);
      socket
          .getOutputStream()
          .write(
              ("GET /on/app.js/body HTTP/1.0\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.0 200").doesNotContainIgnoringCase("content-encoding");
      assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).isEqualTo(BODY);
    }
  }

  @Test
  void eachPieceTheAppSendsReachesTheClientDecodableAtOnce() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(sidecar.uri("/on/app.js/parts?key=k1"))
            .header("Accept-Encoding", "gzip")
            .build();
    HttpResponse<InputStream> response =
        HTTP11.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(encoding(response)).isEqualTo("gzip");
    try (InputStream body = new GZIPInputStream(response.body())) {
      String first = "first part\n".repeat(100);
      // The second part is only written once the first was read: a buffering encoder hangs here.
      byte[] read =
          CompletableFuture.supplyAsync(() -> readN(body, first.length()))
              .get(20, TimeUnit.SECONDS);
      assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo(first);
      assertThat(get("/on/app.js/release?key=k1").statusCode()).isEqualTo(200);
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("second part\n".repeat(100));
    }
  }

  private static byte[] readN(InputStream in, int n) {
    try {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
