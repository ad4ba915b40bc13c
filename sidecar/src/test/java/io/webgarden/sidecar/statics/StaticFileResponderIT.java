package io.webgarden.sidecar.statics;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.errors.ErrorResponder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Drives {@link StaticFileResponder} through a real Vert.x server with the JDK's HTTP client. */
class StaticFileResponderIT {

  private static final String TEXT = "0123456789abcdefghij"; // 20 bytes
  private static final Instant MTIME = Instant.parse("2024-03-01T12:34:56.789Z");
  private static final String MTIME_HTTP = "Fri, 01 Mar 2024 12:34:56 GMT";
  private static final Instant NOW = Instant.parse("2025-06-30T23:59:59.500Z");
  private static final String NOW_HTTP = "Mon, 30 Jun 2025 23:59:59 GMT";
  private static final int BIG_SIZE = 30 * 1024 * 1024;

  @TempDir static Path root;
  private static StaticServer server;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void start() throws Exception {
    write("text.txt", TEXT);
    Files.setLastModifiedTime(root.resolve("text.txt"), FileTime.from(MTIME));
    write("empty.txt", "");
    Files.createDirectory(root.resolve("folder"));
    Random random = new Random(42);
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(root.resolve("big.bin"))) {
      for (int i = 0; i < BIG_SIZE / chunk.length; i++) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    server = StaticServer.start(root, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  // --- content types ---------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "index.html, text/html",
    "UPPER.HTM, text/html",
    "style.css, text/css",
    "app.js, text/javascript",
    "data.json, application/json",
    "logo.png, image/png",
    "logo.svg, image/svg+xml",
    "font.woff2, font/woff2",
    "notes.txt, text/plain",
    "archive.unknownext, application/octet-stream",
    "Makefile, application/octet-stream"
  })
  void contentTypeFollowsTheExtensionWithoutCharset(String name, String type) throws Exception {
    write(name, "x");
    HttpResponse<String> response = get("/" + name);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue(type);
  }

  // --- 200 and validators ----------------------------------------------------------------------

  @Test
  void getSendsTheFileWithValidators() throws Exception {
    HttpResponse<String> response = get("/text.txt");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(TEXT);
    assertThat(response.headers().firstValue("content-length")).hasValue("20");
    assertThat(response.headers().firstValue("accept-ranges")).hasValue("bytes");
    assertThat(response.headers().firstValue("last-modified")).hasValue(MTIME_HTTP);
    assertThat(etag()).matches("\"[0-9a-f]+-14\"");
    assertThat(response.headers().firstValue(ErrorResponder.ERROR_HEADER)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/text.txt", "/missing.txt"})
  void everyResponseIsDatedByTheClock(String path) throws Exception {
    assertThat(get(path).headers().firstValue("date")).hasValue(NOW_HTTP);
    assertThat(get(path, "If-None-Match", "*").headers().firstValue("date")).hasValue(NOW_HTTP);
  }

  @Test
  void emptyFileIsAnEmpty200() throws Exception {
    HttpResponse<String> response = get("/empty.txt");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("content-length")).hasValue("0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"%s", "W/%s", "\"other\", %s", "*"})
  void matchingIfNoneMatchGives304WithoutBody(String template) throws Exception {
    HttpResponse<String> response =
        get("/text.txt", "If-None-Match", template.replace("%s", etag()));
    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("etag")).hasValue(etag());
  }

  @Test
  void otherEtagGivesTheFile() throws Exception {
    HttpResponse<String> response = get("/text.txt", "If-None-Match", "\"0-0\"");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(TEXT);
  }

  @Test
  void changingTheFileChangesTheEtag() throws Exception {
    write("changing.txt", "one");
    String before = get("/changing.txt").headers().firstValue("etag").orElseThrow();
    Files.setLastModifiedTime(root.resolve("changing.txt"), FileTime.from(MTIME));
    HttpResponse<String> after = get("/changing.txt", "If-None-Match", before);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.headers().firstValue("etag")).isPresent().get().isNotEqualTo(before);
  }

  @ParameterizedTest
  @CsvSource({
    "'Fri, 01 Mar 2024 12:34:56 GMT', 304",
    "'Sat, 02 Mar 2024 00:00:00 GMT', 304",
    "'Friday, 01-Mar-24 12:34:56 GMT', 304",
    "'Fri Mar  1 12:34:56 2024', 304",
    "'Fri, 01 Mar 2024 12:34:55 GMT', 200",
    "'not a date', 200"
  })
  void ifModifiedSinceComparesWholeSeconds(String date, int status) throws Exception {
    HttpResponse<String> response = get("/text.txt", "If-Modified-Since", date);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).isEqualTo(status == 200 ? TEXT : "");
  }

  @Test
  void ifNoneMatchWinsOverIfModifiedSince() throws Exception {
    HttpResponse<String> response =
        get("/text.txt", "If-None-Match", "\"0-0\"", "If-Modified-Since", MTIME_HTTP);
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({"If-Match, '\"0-0\"'", "If-Unmodified-Since, 'Fri, 01 Mar 2024 12:00:00 GMT'"})
  void failedPreconditionGives412(String header, String value) throws Exception {
    HttpResponse<String> response = get("/text.txt", header, value);
    assertThat(response.statusCode()).isEqualTo(412);
    assertThat(response.headers().firstValue(ErrorResponder.ERROR_HEADER))
        .hasValue("precondition-failed");
  }

  @Test
  void matchingIfMatchServesTheFile() throws Exception {
    assertThat(get("/text.txt", "If-Match", etag()).statusCode()).isEqualTo(200);
  }

  // --- ranges ----------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "bytes=0-4, 0-4, 01234",
    "bytes=15-, 15-19, fghij",
    "bytes=-3, 17-19, hij",
    "bytes=10-1000, 10-19, abcdefghij",
    "bytes=-1000, 0-19, 0123456789abcdefghij",
    "BYTES=19-19, 19-19, j"
  })
  void singleRangeGives206(String range, String span, String body) throws Exception {
    HttpResponse<String> response = get("/text.txt", "Range", range);
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("content-range")).hasValue("bytes " + span + "/20");
    assertThat(response.headers().firstValue("content-length"))
        .hasValue(Integer.toString(body.length()));
    assertThat(response.body()).isEqualTo(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=20-", "bytes=1000-2000", "bytes=-0"})
  void unsatisfiableRangeGives416(String range) throws Exception {
    HttpResponse<String> response = get("/text.txt", "Range", range);
    assertThat(response.statusCode()).isEqualTo(416);
    assertThat(response.headers().firstValue("content-range")).hasValue("bytes */20");
    assertThat(response.headers().firstValue(ErrorResponder.ERROR_HEADER))
        .hasValue("range-not-satisfiable");
  }

  @Test
  void anyRangeOfAnEmptyFileIsUnsatisfiable() throws Exception {
    HttpResponse<String> response = get("/empty.txt", "Range", "bytes=0-");
    assertThat(response.statusCode()).isEqualTo(416);
    assertThat(response.headers().firstValue("content-range")).hasValue("bytes */0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=0-1,5-6", "bytes=5-2", "items=0-1", "bytes=abc", "bytes=1"})
  void severalOrInvalidRangesGiveTheWholeFile(String range) throws Exception {
    HttpResponse<String> response = get("/text.txt", "Range", range);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-range")).isEmpty();
    assertThat(response.body()).isEqualTo(TEXT);
  }

  @Test
  void ifRangeWithTheCurrentValidatorKeepsTheRange() throws Exception {
    assertThat(get("/text.txt", "Range", "bytes=0-1", "If-Range", etag()).statusCode())
        .isEqualTo(206);
    assertThat(get("/text.txt", "Range", "bytes=0-1", "If-Range", MTIME_HTTP).statusCode())
        .isEqualTo(206);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"0-0\"", "Sat, 02 Mar 2024 00:00:00 GMT"})
  void ifRangeWithAStaleValidatorGivesTheWholeFile(String validator) throws Exception {
    HttpResponse<String> response = get("/text.txt", "Range", "bytes=0-1", "If-Range", validator);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(TEXT);
  }

  // --- HEAD and methods ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"", "bytes=0-4"})
  void headDescribesTheWholeFileWithoutBody(String range) throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(server.uri("/text.txt"))
            .method("HEAD", HttpRequest.BodyPublishers.noBody());
    if (!range.isEmpty()) {
      builder.header("Range", range);
    }
    HttpResponse<String> response = CLIENT.send(builder.build(), BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("content-length")).hasValue("20");
    assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
    assertThat(response.headers().firstValue("etag")).hasValue(etag());
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
  void otherMethodsGet405WithAllow(String method) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("/text.txt"))
            .method(method, HttpRequest.BodyPublishers.ofString("x"))
            .build();
    HttpResponse<String> response = CLIENT.send(request, BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("allow")).hasValue("GET, HEAD");
    assertThat(response.headers().firstValue(ErrorResponder.ERROR_HEADER))
        .hasValue("method-not-allowed");
    assertThat(Files.readString(root.resolve("text.txt"))).isEqualTo(TEXT);
  }

  // --- big files and vanishing files -----------------------------------------------------------

  @Test
  void thirtyMebibytesArriveIntact() throws Exception {
    HttpResponse<InputStream> response =
        CLIENT.send(
            HttpRequest.newBuilder(server.uri("/big.bin")).build(), BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-length"))
        .hasValue(Integer.toString(BIG_SIZE));
    assertThat(sha256(response.body()))
        .isEqualTo(sha256(Files.newInputStream(root.resolve("big.bin"))));
  }

  @Test
  void aRangeInTheMiddleOfABigFileIsExact() throws Exception {
    long from = 10L * 1024 * 1024 + 7;
    long to = 20L * 1024 * 1024 + 11;
    HttpResponse<InputStream> response =
        CLIENT.send(
            HttpRequest.newBuilder(server.uri("/big.bin"))
                .header("Range", "bytes=" + from + "-" + to)
                .build(),
            BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(206);
    InputStream expected = Files.newInputStream(root.resolve("big.bin"));
    expected.skipNBytes(from);
    byte[] slice = expected.readNBytes((int) (to - from + 1));
    expected.close();
    assertThat(sha256(response.body())).isEqualTo(sha256(new ByteArrayInputStream(slice)));
  }

  @Test
  void fileDeletedBetweenResolveAndSendGives404() throws Exception {
    write("vanishing.txt", "soon gone");
    HttpResponse<String> response = get("/vanishing.txt", StaticServer.VANISH_HEADER, "yes");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue(ErrorResponder.ERROR_HEADER)).hasValue("not-found");
    assertThat(response.headers().firstValue("etag")).isEmpty();
    assertThat(response.headers().firstValue("date")).hasValue(NOW_HTTP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/missing.txt", "/folder", "/text.txt/extra"})
  void somethingThatIsNotARegularFileGives404(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue(ErrorResponder.ERROR_HEADER)).hasValue("not-found");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static void write(String name, String content) throws Exception {
    Files.writeString(root.resolve(name), content, US_ASCII);
  }

  private static String etag() throws Exception {
    return get("/text.txt").headers().firstValue("etag").orElseThrow();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(path));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(builder.build(), BodyHandlers.ofString());
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (DigestInputStream stream = new DigestInputStream(in, digest)) {
      stream.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
