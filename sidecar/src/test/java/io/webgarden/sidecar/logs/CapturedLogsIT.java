package io.webgarden.sidecar.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.logs.LogApps.Row;
import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captured log files with real node processes through the real sidecar: what is written where, how
 * it is listed and served, rollover and quotas, and who may read it.
 */
class CapturedLogsIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final String INDEX = "/iisnode/";

  @TempDir Path root;
  @TempDir Path logRoot;

  private RunningSidecar chattyApp(String attributes) {
    new TestSite(root).handler("", "app.js", attributes).file("app.js", LogApps.CHATTY);
    return RunningSidecar.start(root);
  }

  private static List<Row> awaitRows(
      RunningSidecar sidecar, String indexUrl, Predicate<List<Row>> condition) {
    return await().atMost(DEADLINE).until(() -> LogApps.rows(sidecar, indexUrl), condition);
  }

  /** Starts the app's process; returns its pid once its load-time stderr line is listed. */
  private static long startAndAwaitItsStderrFile(RunningSidecar sidecar) {
    long pid = NodeApps.pid(sidecar.get("/app.js"));
    awaitRows(sidecar, INDEX, rows -> has(rows, pid, "stderr"));
    return pid;
  }

  private static Row row(List<Row> rows, long pid, String stream) {
    return rows.stream()
        .filter(r -> r.pid() == pid && r.stream().equals(stream))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + stream + " of " + pid + " in " + rows));
  }

  private static boolean has(List<Row> rows, long pid, String stream) {
    return rows.stream().anyMatch(r -> r.pid() == pid && r.stream().equals(stream));
  }

  @Test
  void eachStreamOfEachProcessHasItsFileListedNewestFirstAndServedAsUtf8Text() throws Exception {
    try (RunningSidecar sidecar = chattyApp("")) {
      long first = startAndAwaitItsStderrFile(sidecar);
      sidecar.get("/app.js?say=hello-from-stdout");
      List<Row> rows = awaitRows(sidecar, INDEX, r -> has(r, first, "stdout"));

      HttpResponse<String> out = sidecar.get(INDEX + row(rows, first, "stdout").href());
      HttpResponse<String> err = sidecar.get(INDEX + row(rows, first, "stderr").href());
      assertThat(out.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
      assertThat(err.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
      assertThat(out.body()).isEqualTo("hello-from-stdout\n");
      assertThat(err.body()).isEqualTo("booting " + first + " on stderr é✓\n");
      assertThat(row(rows, first, "stderr").size())
          .isEqualTo(err.body().getBytes(StandardCharsets.UTF_8).length);
      assertThat(row(rows, first, "stdout").file())
          .matches("[A-Za-z0-9._-]+-" + first + "-stdout-\\d{13}\\.txt");

      // A new process (a recycle) gets files of its own; the old ones stay, listed after.
      HttpResponse<String> recycled =
          sidecar.send(
              HttpRequest.newBuilder(sidecar.adminUri("/apps/app.js/recycle"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(recycled.statusCode()).isEqualTo(202);
      long second =
          await()
              .atMost(DEADLINE)
              .until(() -> NodeApps.pid(sidecar.get("/app.js")), pid -> pid != first);
      awaitRows(sidecar, INDEX, r -> has(r, second, "stderr"));
      sidecar.get("/app.js?say=second-process");
      rows = awaitRows(sidecar, INDEX, r -> has(r, second, "stdout"));

      assertThat(rows)
          .extracting(Row::pid, Row::stream)
          .containsExactly(
              tuple(second, "stdout"), tuple(second, "stderr"),
              tuple(first, "stdout"), tuple(first, "stderr"));
      assertThat(rows.get(0).open()).as("the live process is still writing").isTrue();
      assertThat(sidecar.get(INDEX + row(rows, second, "stdout").href()).body())
          .isEqualTo("second-process\n");

      HttpResponse<String> indexHtml = sidecar.get(INDEX + "index.html");
      assertThat(indexHtml.statusCode()).isEqualTo(200);
      assertThat(indexHtml.headers().firstValue("content-type"))
          .hasValue("text/html; charset=utf-8");
      assertThat(LogApps.rows(indexHtml.body())).hasSize(4);
      assertThat(Files.readString(root.resolve("iisnode/index.html")))
          .as("the index file on disk")
          .contains(row(rows, second, "stderr").file());
    }
  }

  @Test
  void tinyQuotasRollFilesOverAndDeleteTheOldestIdleOnes() throws Exception {
    try (RunningSidecar sidecar =
        chattyApp("maxLogFileSizeInKB=\"1\" maxLogFiles=\"3\" maxTotalLogFileSizeInKB=\"1000\"")) {
      long pid = startAndAwaitItsStderrFile(sidecar);
      sidecar.get("/app.js?lines=100"); // 100 lines of 101 bytes: about ten 1 KB files

      List<Row> rows =
          awaitRows(
              sidecar,
              INDEX,
              r ->
                  r.size() == 3
                      && has(r, pid, "stdout")
                      && sidecar.get(INDEX + r.get(0).href()).body().contains("line 00099"));

      // The oldest file of all is stderr's, still open: it is never deleted.
      assertThat(rows).extracting(Row::stream).containsExactly("stdout", "stdout", "stderr");
      assertThat(rows).allSatisfy(r -> assertThat(r.size()).isLessThanOrEqualTo(1024));
      assertThat(rows.get(0).file()).matches(".*-stdout-\\d+-\\d+\\.txt");
      String kept =
          sidecar.get(INDEX + rows.get(1).href()).body()
              + sidecar.get(INDEX + rows.get(0).href()).body();
      List<Integer> numbers =
          kept.lines().map(line -> Integer.parseInt(line.substring(5, 10))).toList();
      assertThat(numbers)
          .as("the newest lines, none lost between the files")
          .isEqualTo(
              Stream.iterate(100 - numbers.size(), i -> i + 1).limit(numbers.size()).toList());
      String firstFile = rows.get(1).file().replaceAll("-\\d+\\.txt$", ".txt");
      assertThat(sidecar.get(INDEX + firstFile).statusCode())
          .as("the first file is gone")
          .isEqualTo(404);
      try (Stream<Path> files = Files.list(root.resolve("iisnode"))) {
        assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt")))
            .hasSize(3);
      }
    }
  }

  @Test
  void theTotalSizeQuotaHoldsWhileAChattyAppKeepsPrinting() throws Exception {
    try (RunningSidecar sidecar =
        chattyApp("maxLogFileSizeInKB=\"1\" maxLogFiles=\"100\" maxTotalLogFileSizeInKB=\"3\"")) {
      long pid = startAndAwaitItsStderrFile(sidecar);
      for (int i = 0; i < 5; i++) {
        sidecar.get("/app.js?lines=60");
      }
      sidecar.get("/app.js?say=all-printed");
      List<Row> rows =
          awaitRows(
              sidecar,
              INDEX,
              r ->
                  !r.isEmpty()
                      && sidecar.get(INDEX + r.get(0).href()).body().endsWith("all-printed\n"));

      assertThat(rows.stream().mapToLong(Row::size).sum()).isLessThanOrEqualTo(3 * 1024);
      assertThat(rows).anySatisfy(r -> assertThat(r.stream()).isEqualTo("stderr"));
      try (Stream<Path> files = Files.list(root.resolve("iisnode"))) {
        long onDisk =
            files
                .filter(f -> f.toString().endsWith(".txt"))
                .mapToLong(f -> f.toFile().length())
                .sum();
        assertThat(onDisk).isLessThanOrEqualTo(3 * 1024);
      }
    }
  }

  @Test
  void withLoggingOffNothingIsWrittenAndTheLogUrlGoesToTheApplication() throws Exception {
    new TestSite(root)
        .file("app.js", LogApps.CHATTY)
        .file(
            "web.config",
            """
        <configuration>
          <system.webServer>
            <handlers><add name="iisnode" path="app.js" verb="*" modules="iisnode"/></handlers>
            <rewrite><rules>
              <rule name="all"><match url=".*"/><action type="Rewrite" url="app.js"/></rule>
            </rules></rewrite>
            <iisnode loggingEnabled="false" logRoot="%s"/>
          </system.webServer>
        </configuration>
        """
                .formatted(logRoot));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(NodeApps.pid(sidecar.get("/app.js?say=not-captured&lines=20"))).isPositive();

      HttpResponse<String> index = sidecar.get(INDEX + "index.html");

      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.body()).as("the app's echo").contains("\"pid\":");
      // An observation window: a file would appear within it if anything were captured.
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !Files.exists(root.resolve("iisnode")) && isEmpty(logRoot));
    }
  }

  private static boolean isEmpty(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.findAny().isEmpty();
    }
  }

  @Test
  void aLogAccessTokenIsRequiredAsBearerOrQuery() throws Exception {
    try (RunningSidecar sidecar = chattyApp("logAccessToken=\"t0k3n-s3cret\"")) {
      long pid = NodeApps.pid(sidecar.get("/app.js"));

      HttpResponse<String> refused = sidecar.get(INDEX);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("webgarden-error")).hasValue("log-access-denied");
      assertThat(sidecar.get(INDEX + "?token=wrong").statusCode()).isEqualTo(401);

      HttpResponse<String> bearer =
          await()
              .atMost(DEADLINE)
              .until(
                  () ->
                      sidecar.send(
                          HttpRequest.newBuilder(sidecar.uri(INDEX))
                              .header("Authorization", "Bearer t0k3n-s3cret")
                              .build()),
                  r -> has(LogApps.rows(r.body()), pid, "stderr"));
      assertThat(bearer.statusCode()).isEqualTo(200);

      HttpResponse<String> query = sidecar.get(INDEX + "?token=t0k3n-s3cret");
      assertThat(query.statusCode()).isEqualTo(200);
      Row stderr = row(LogApps.rows(query.body()), pid, "stderr");
      assertThat(stderr.href()).endsWith("?token=t0k3n-s3cret");
      assertThat(sidecar.get(INDEX + stderr.file()).statusCode()).isEqualTo(401);
      assertThat(sidecar.get(INDEX + stderr.href()).body()).startsWith("booting " + pid);
    }
  }

  @Test
  void aHardToGuessLogDirectoryHidesTheLogsAtTheDefaultUrl() throws Exception {
    try (RunningSidecar sidecar = chattyApp("logDirectory=\"logs-7f3a9c1e2b\"")) {
      long pid = NodeApps.pid(sidecar.get("/app.js"));

      awaitRows(sidecar, "/logs-7f3a9c1e2b/", rows -> has(rows, pid, "stderr"));
      HttpResponse<String> guess = sidecar.get(INDEX);

      assertThat(guess.statusCode()).isEqualTo(404);
      assertThat(guess.body()).doesNotContain("booting");
      assertThat(Files.isDirectory(root.resolve("logs-7f3a9c1e2b"))).isTrue();
    }
  }

  @Test
  void aReadOnlyAppFolderSendsLogsToLogRootAndTheyAreServedAtTheSameUrl() throws Exception {
    // As root, permission bits stop nothing; a file where the folder would be makes it fail.
    new TestSite(root).file("iisnode", "a file, not a folder");
    try (RunningSidecar sidecar = chattyApp("logRoot=\"" + logRoot + "\"")) {
      long pid = NodeApps.pid(sidecar.get("/app.js?say=written-elsewhere"));

      List<Row> rows = awaitRows(sidecar, INDEX, r -> has(r, pid, "stdout"));

      assertThat(sidecar.get(INDEX + row(rows, pid, "stdout").href()).body())
          .isEqualTo("written-elsewhere\n");
      assertThat(Files.readString(root.resolve("iisnode"))).isEqualTo("a file, not a folder");
      try (Stream<Path> files = Files.walk(logRoot)) {
        assertThat(files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()))
            .contains(row(rows, pid, "stdout").file(), "index.html");
      }
    }
  }

  @Test
  void theAdminPortServesTheSameIndexAndFiles() throws Exception {
    try (RunningSidecar sidecar = chattyApp("")) {
      long pid = NodeApps.pid(sidecar.get("/app.js?say=via-admin"));
      List<Row> rows = awaitRows(sidecar, INDEX, r -> has(r, pid, "stdout"));

      HttpResponse<String> admin =
          sidecar.send(HttpRequest.newBuilder(sidecar.adminUri("/apps/app.js/logs/")).build());
      HttpResponse<String> file =
          sidecar.send(
              HttpRequest.newBuilder(
                      sidecar.adminUri("/apps/app.js/logs/" + row(rows, pid, "stdout").href()))
                  .build());

      assertThat(admin.statusCode()).isEqualTo(200);
      assertThat(LogApps.rows(admin.body()))
          .extracting(Row::file)
          .isEqualTo(rows.stream().map(Row::file).toList());
      assertThat(file.body()).isEqualTo("via-admin\n");
      assertThat(file.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    }
  }
}
