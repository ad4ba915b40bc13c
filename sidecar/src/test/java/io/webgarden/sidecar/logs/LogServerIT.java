package io.webgarden.sidecar.logs;

import static io.webgarden.sidecar.logs.LogFixtures.APP;
import static io.webgarden.sidecar.logs.LogFixtures.CLOCK;
import static io.webgarden.sidecar.logs.LogFixtures.HOST;
import static io.webgarden.sidecar.logs.LogFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.host.OutputListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogServer} on a real Vert.x server, driven by the JDK's HTTP client. Requests the log
 * server declines fall through to a stand-in application that answers 418.
 */
class LogServerIT {
  private static final String FILE = "web-7d9f-123-stdout-1700000000000.txt";
  private static final String TOKEN = "s3cret token/+";
  private static final String TOKEN_QUERY = "?token=s3cret+token%2F%2B";

  @TempDir static Path site;
  @TempDir static Path root;
  private static Vertx vertx;
  private static HttpServer server;
  private static LogCapture open;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void start() throws Exception {
    LogFixtures.Console console = new LogFixtures.Console();
    open = capture("hello", LogFixtures.settings(root), console);
    LogCapture secret =
        capture("private", LogFixtures.withToken(LogFixtures.settings(root), TOKEN), console);
    LogCapture off = capture("quiet", LogFixtures.disabled(root), console);
    Files.writeString(site.resolve("hello/secret.txt"), "not for you");
    Files.writeString(open.logFolder().resolve("notes.txt"), "not a log");

    vertx = Vertx.vertx();
    LogServer logs = new LogServer(vertx, CLOCK);
    logs.register("/hello/iisnode/", open);
    logs.register("/private/iisnode/", secret);
    logs.register("/quiet/iisnode/", off);
    String admin = "/apps/hello/logs/";
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(
                request -> {
                  if (request.path().startsWith(admin)) {
                    logs.serve(
                        request,
                        logs.capture(APP).orElseThrow(),
                        request.path().substring(admin.length()));
                  } else if (!logs.handle(request)) {
                    request.response().setStatusCode(418).end("the application");
                  }
                });
    server.listen().await(10, TimeUnit.SECONDS);
  }

  private static LogCapture capture(
      String folder, LogSettings settings, LogFixtures.Console console) throws Exception {
    String name = folder.equals("hello") ? APP : "/" + folder + "/app.js";
    LogCapture capture =
        new LogCapture(
            name,
            Files.createDirectories(site.resolve(folder)),
            settings,
            console.text,
            CLOCK,
            HOST);
    OutputListener listener = capture.open(name, 123, START);
    listener.line("stdout", "hello from " + folder + " é");
    listener.line("stdout", "<script>alert(1)</script>");
    return capture;
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), BodyHandlers.ofString());
  }

  @Test
  void servesTheIndexAtTheFolderAndAtIndexHtml() throws Exception {
    for (String path :
        new String[] {"/hello/iisnode/", "/hello/iisnode/index.html", "/HELLO/IISNODE/"}) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type"))
          .contains("text/html; charset=utf-8");
      assertThat(response.body())
          .contains("<a href=\"" + FILE + "\">")
          .contains("Logs of /hello/hello.js")
          .doesNotContain("notes.txt");
    }
  }

  @Test
  void redirectsTheFolderWithoutItsSlash() throws Exception {
    HttpResponse<String> response = get("/hello/iisnode?x=1");

    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("location")).contains("/hello/iisnode/?x=1");
  }

  @Test
  void servesALogFileAsUtf8TextWithValidatorsAndRanges() throws Exception {
    HttpResponse<String> response = get("/hello/iisnode/" + FILE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");
    assertThat(response.headers().firstValue("x-content-type-options")).contains("nosniff");
    assertThat(response.headers().firstValue("etag")).isPresent();
    assertThat(response.body()).isEqualTo("hello from hello é\n<script>alert(1)</script>\n");

    HttpResponse<String> part = get("/hello/iisnode/" + FILE, "Range", "bytes=0-4");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo("hello");
    assertThat(part.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");
  }

  @Test
  void servesTheSameLogsWhereverACallerMountsThem() throws Exception {
    assertThat(get("/apps/hello/logs/").body()).contains("<a href=\"" + FILE + "\">");
    assertThat(get("/apps/hello/logs/" + FILE).body()).startsWith("hello from hello");
  }

  @Test
  void refusesAnythingButLogFilesInTheFolder() throws Exception {
    for (String path :
        new String[] {
          "/hello/iisnode/notes.txt",
          "/hello/iisnode/../secret.txt",
          "/hello/iisnode/..%2Fsecret.txt",
          "/hello/iisnode/%2e%2e/secret.txt",
          "/hello/iisnode/sub/" + FILE,
          "/hello/iisnode/web-7d9f-999-stdout-1700000000000.txt",
        }) {
      HttpResponse<String> response = get(path);

      assertThat(response.body())
          .as(path)
          .doesNotContain("not for you")
          .doesNotContain("not a log");
      assertThat(response.statusCode()).as(path).isIn(404, 418);
    }
    HttpResponse<String> response = get("/hello/iisnode/notes.txt");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue(ErrorResponder.ERROR_HEADER)).contains("not-found");
  }

  @Test
  void answersOnlyGetAndHead() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.actualPort() + "/hello/iisnode/"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("allow")).contains("GET, HEAD");
  }

  @Test
  void leavesOtherPathsAndDisabledLoggingToTheApplication() throws Exception {
    assertThat(get("/hello/hello.js").statusCode()).isEqualTo(418);
    assertThat(get("/hello/other/").statusCode()).isEqualTo(418);
    assertThat(get("/quiet/iisnode/").statusCode()).isEqualTo(418);
  }

  @Test
  void aTokenIsRequiredWhenSet() throws Exception {
    for (String[] attempt :
        new String[][] {
          {"/private/iisnode/"},
          {"/private/iisnode/?token=wrong"},
          {"/private/iisnode/" + FILE, "Authorization", "Bearer wrong"},
          {"/private/iisnode/", "Authorization", "Basic czNjcmV0"},
        }) {
      HttpResponse<String> response =
          get(attempt[0], Arrays.copyOfRange(attempt, 1, attempt.length));

      assertThat(response.statusCode()).as(attempt[0]).isEqualTo(401);
      assertThat(response.headers().firstValue("www-authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(response.headers().firstValue(ErrorResponder.ERROR_HEADER))
          .contains("log-access-denied");
      assertThat(response.body()).doesNotContain("hello from");
    }
  }

  @Test
  void theTokenOpensTheLogsAsBearerOrQuery() throws Exception {
    HttpResponse<String> bearer = get("/private/iisnode/", "Authorization", "Bearer " + TOKEN);
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(bearer.body()).contains("<a href=\"" + FILE + "\">");

    HttpResponse<String> query = get("/private/iisnode/" + TOKEN_QUERY);
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(query.body()).contains("<a href=\"" + FILE + TOKEN_QUERY + "\">");

    HttpResponse<String> file = get("/private/iisnode/" + FILE + TOKEN_QUERY);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).startsWith("hello from private");
  }
}
