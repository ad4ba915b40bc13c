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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static compression through a real sidecar: codings, IIS's thresholds, ranges, opt-out. */
class StaticCompressionIT {
  private static final String CSS = "body { color: green; margin: 0 auto; }\n".repeat(200);

  @TempDir Path root;

  private HttpResponse<byte[]> get(RunningSidecar sidecar, String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(sidecar.uri(path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return sidecar.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void textFilesAreGzippedOrBrotliCompressedAndDecodeToTheFile() throws Exception {
    new TestSite(root).file("site.css", CSS).file("small.css", "a{}").file("logo.png", CSS);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<byte[]> gzip = get(sidecar, "/site.css", "Accept-Encoding", "gzip");
      assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
      assertThat(gzip.headers().firstValue("vary")).hasValue("Accept-Encoding");
      assertThat(gzip.headers().firstValue("etag"))
          .hasValueSatisfying(etag -> assertThat(etag).startsWith("W/\""));
      assertThat(gzip.body().length).isLessThan(CSS.length() / 5);
      assertThat(gunzip(gzip.body())).isEqualTo(CSS);
      // the second time it comes from the cached copy, byte for byte the same
      assertThat(get(sidecar, "/site.css", "Accept-Encoding", "gzip").body())
          .isEqualTo(gzip.body());

      if (Brotli4jLoader.isAvailable()) {
        HttpResponse<byte[]> br = get(sidecar, "/site.css", "Accept-Encoding", "gzip, br");
        assertThat(br.headers().firstValue("content-encoding")).hasValue("br");
        DirectDecompress decoded = Decoder.decompress(br.body());
        assertThat(decoded.getResultStatus()).isEqualTo(DecoderJNI.Status.DONE);
        assertThat(new String(decoded.getDecompressedData(), StandardCharsets.UTF_8))
            .isEqualTo(CSS);
      } else {
        System.out.println("brotli not checked: " + Brotli4jLoader.getUnavailabilityCause());
      }

      HttpResponse<byte[]> none = get(sidecar, "/site.css");
      assertThat(none.headers().firstValue("content-encoding")).isEmpty();
      assertThat(none.headers().firstValue("vary")).hasValue("Accept-Encoding");
      assertThat(new String(none.body(), StandardCharsets.UTF_8)).isEqualTo(CSS);

      assertThat(
              get(sidecar, "/small.css", "Accept-Encoding", "gzip")
                  .headers()
                  .firstValue("content-encoding"))
          .as("under minFileSizeForComp (2700)")
          .isEmpty();
      assertThat(
              get(sidecar, "/logo.png", "Accept-Encoding", "gzip")
                  .headers()
                  .firstValue("content-encoding"))
          .as("not in staticTypes")
          .isEmpty();
    }
  }

  @Test
  void aRangeIsAlwaysOfTheFileItselfNeverOfCompressedBytes() {
    new TestSite(root).file("site.css", CSS);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<byte[]> part =
          get(sidecar, "/site.css", "Accept-Encoding", "gzip, br", "Range", "bytes=5-9");
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.headers().firstValue("content-encoding")).isEmpty();
      assertThat(new String(part.body(), StandardCharsets.UTF_8)).isEqualTo(CSS.substring(5, 10));
    }
  }

  @Test
  void doStaticCompressionFalseTurnsItOffForThatFolder() {
    new TestSite(root)
        .file("site.css", CSS)
        .file("plain/site.css", CSS)
        .file(
            "plain/web.config",
            TestSite.webConfig("<urlCompression doStaticCompression=\"false\"/>"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(
              get(sidecar, "/site.css", "Accept-Encoding", "gzip")
                  .headers()
                  .firstValue("content-encoding"))
          .hasValue("gzip");
      HttpResponse<byte[]> plain = get(sidecar, "/plain/site.css", "Accept-Encoding", "gzip");
      assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
      assertThat(plain.headers().firstValue("vary")).isEmpty();
    }
  }

  private static String gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
