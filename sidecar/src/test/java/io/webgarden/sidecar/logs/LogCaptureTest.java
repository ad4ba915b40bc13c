package io.webgarden.sidecar.logs;

import static io.webgarden.sidecar.logs.LogFixtures.APP;
import static io.webgarden.sidecar.logs.LogFixtures.CLOCK;
import static io.webgarden.sidecar.logs.LogFixtures.HOST;
import static io.webgarden.sidecar.logs.LogFixtures.START;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.host.OutputListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCaptureTest {
  private static final String OUT0 = "web-7d9f-123-stdout-1700000000000.txt";

  @TempDir Path site;
  @TempDir Path root;
  private final LogFixtures.Console console = new LogFixtures.Console();

  private Path app() throws IOException {
    return Files.createDirectories(site.resolve("hello"));
  }

  private LogCapture capture(LogSettings settings) throws IOException {
    return new LogCapture(APP, app(), settings, console.text, CLOCK, HOST);
  }

  @Test
  void nothingOnDiskUntilTheFirstLine() throws IOException {
    LogCapture capture = capture(LogFixtures.settings(root));
    OutputListener listener = capture.open(APP, 123, START);

    assertThat(capture.logFolder()).isEqualTo(site.resolve("hello/iisnode"));
    assertThat(site.resolve("hello/iisnode")).doesNotExist();

    listener.line("stdout", "first");

    assertThat(names(capture)).containsExactly(OUT0);
    listener.line("stderr", "oops");
    assertThat(names(capture))
        .containsExactlyInAnyOrder(OUT0, "web-7d9f-123-stderr-1700000000000.txt");
  }

  @Test
  void linesArriveWholeInUtf8AndOnTheConsole() throws IOException {
    LogCapture capture = capture(LogFixtures.settings(root));
    OutputListener listener = capture.open(APP, 123, START);

    listener.line("stdout", "café 😀");
    listener.line("stdout", "");
    listener.line("stdout", "third");

    assertThat(read(capture, OUT0)).isEqualTo("café 😀\n\nthird\n");
    assertThat(console.output())
        .isEqualTo(
            "[/hello/hello.js pid=123 stdout] café 😀\n[/hello/hello.js pid=123 stdout] \n"
                + "[/hello/hello.js pid=123 stdout] third\n");
  }

  @Test
  void loggingDisabledOnlyMirrors() throws IOException {
    LogCapture capture = capture(LogFixtures.disabled(root));
    OutputListener listener = capture.open(APP, 5, START);

    listener.line("stdout", "hi");
    listener.closed();

    assertThat(console.output()).isEqualTo("[/hello/hello.js pid=5 stdout] hi\n");
    assertThat(site.resolve("hello/iisnode")).doesNotExist();
    assertThat(root.resolve("webgarden-logs")).doesNotExist();
  }

  @Test
  void aFullFileRollsOverToTheNextSequence() throws IOException {
    LogCapture capture = capture(LogFixtures.quotas(root, 1024, 1024 * 1024, 100));
    OutputListener listener = capture.open(APP, 123, START);
    List<String> lines = lines(25, 99); // 100 bytes each with the newline: 10 per file

    lines.forEach(line -> listener.line("stdout", line));

    assertThat(names(capture))
        .containsExactlyInAnyOrder(
            OUT0,
            "web-7d9f-123-stdout-1700000000000-1.txt",
            "web-7d9f-123-stdout-1700000000000-2.txt");
    assertThat(size(capture, OUT0)).isEqualTo(1000);
    assertThat(size(capture, "web-7d9f-123-stdout-1700000000000-2.txt")).isEqualTo(500);
    String all =
        read(capture, OUT0)
            + read(capture, "web-7d9f-123-stdout-1700000000000-1.txt")
            + read(capture, "web-7d9f-123-stdout-1700000000000-2.txt");
    assertThat(all).isEqualTo(String.join("\n", lines) + "\n");
  }

  @Test
  void aLineLongerThanAFileIsCutAtACharacterBoundary() throws IOException {
    LogCapture capture = capture(LogFixtures.quotas(root, 1024, 1024 * 1024, 100));
    OutputListener listener = capture.open(APP, 123, START);

    listener.line("stdout", "é".repeat(2000)); // 4000 bytes

    assertThat(size(capture, OUT0)).isEqualTo(1023); // 511 é, then the newline
    assertThat(read(capture, OUT0)).isEqualTo("é".repeat(511) + "\n");
    assertThat(console.output()).contains("é".repeat(2000));
  }

  @Test
  void theFileCountLimitDeletesTheOldestFiles() throws IOException {
    LogCapture capture = capture(LogFixtures.quotas(root, 1024, 1024 * 1024, 3));
    OutputListener listener = capture.open(APP, 123, START);

    lines(55, 99).forEach(line -> listener.line("stdout", line)); // six files

    assertThat(names(capture))
        .containsExactlyInAnyOrder(
            "web-7d9f-123-stdout-1700000000000-3.txt",
            "web-7d9f-123-stdout-1700000000000-4.txt",
            "web-7d9f-123-stdout-1700000000000-5.txt");
  }

  @Test
  void theTotalLimitDeletesTheOldestFiles() throws IOException {
    LogCapture capture = capture(LogFixtures.quotas(root, 1024, 2048, 100));
    OutputListener listener = capture.open(APP, 123, START);

    lines(45, 99).forEach(line -> listener.line("stdout", line)); // 4.5 files of 1000 bytes

    assertThat(names(capture))
        .containsExactlyInAnyOrder(
            "web-7d9f-123-stdout-1700000000000-3.txt", "web-7d9f-123-stdout-1700000000000-4.txt");
    assertThat(total(capture)).isLessThanOrEqualTo(2048);
  }

  @Test
  void filesBeingWrittenAreNeverDeletedAndGoOnceIdle() throws IOException {
    LogCapture capture = capture(LogFixtures.quotas(root, 1024, 1024 * 1024, 2));
    OutputListener quiet = capture.open(APP, 100, START);
    OutputListener busy = capture.open(APP, 200, START + 1);
    quiet.line("stdout", "the oldest file, still open");
    String quietFile = "web-7d9f-100-stdout-1700000000000.txt";

    lines(40, 99).forEach(line -> busy.line("stdout", line)); // four files from the busy one

    assertThat(names(capture))
        .containsExactlyInAnyOrder(quietFile, "web-7d9f-200-stdout-1700000000001-3.txt");

    quiet.closed(); // now idle and the least recently written: the next new file replaces it
    lines(10, 99).forEach(line -> busy.line("stdout", line));

    assertThat(names(capture))
        .containsExactlyInAnyOrder(
            "web-7d9f-200-stdout-1700000000001-3.txt", "web-7d9f-200-stdout-1700000000001-4.txt");
  }

  @Test
  void theLeastRecentlyWrittenFilesGoFirstIncludingEarlierRuns() throws IOException {
    Path folder = Files.createDirectories(app().resolve("iisnode"));
    // Left by an earlier run: one written recently, one long ago, whatever their names say.
    Path recent = Files.writeString(folder.resolve("old-1-stdout-1000.txt"), "recent\n");
    Path ancient = Files.writeString(folder.resolve("old-2-stdout-2000.txt"), "ancient\n");
    Path notALog = Files.writeString(folder.resolve("notes.txt"), "mine\n");
    Files.setLastModifiedTime(recent, FileTime.from(Instant.now().minusSeconds(60)));
    Files.setLastModifiedTime(ancient, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    LogCapture capture = capture(LogFixtures.quotas(root, 1024, 1024 * 1024, 2));

    capture.open(APP, 123, START).line("stdout", "new");

    assertThat(names(capture)).containsExactlyInAnyOrder("old-1-stdout-1000.txt", OUT0);
    assertThat(notALog).exists();
  }

  @Test
  void indexListsEveryFileNewestFirstAndFollowsChanges() throws IOException {
    LogCapture capture = capture(LogFixtures.quotas(root, 1024, 1024 * 1024, 3));
    OutputListener listener = capture.open(APP, 123, START);
    listener.line("stdout", "a<b>");
    Path index = capture.logFolder().resolve("index.html");

    assertThat(Files.readString(index))
        .contains("<title>Logs of /hello/hello.js</title>")
        .contains("<a href=\"" + OUT0 + "\">" + OUT0 + "</a>")
        .contains("<td class=\"n\">123</td><td>stdout (open)</td>")
        .contains("1 file, listed at 2025-06-30 12:00:00 UTC");

    lines(35, 99).forEach(line -> listener.line("stdout", line)); // rolls over 3 times
    listener.closed();

    String html = Files.readString(index);
    assertThat(html).doesNotContain(OUT0 + "\"").doesNotContain("(open)");
    List<String> linked = links(html);
    assertThat(linked)
        .containsExactly(
            "web-7d9f-123-stdout-1700000000000-3.txt",
            "web-7d9f-123-stdout-1700000000000-2.txt",
            "web-7d9f-123-stdout-1700000000000-1.txt");
    assertThat(capture.renderIndex("?token=a&b")).contains("-3.txt?token=a&amp;b\"");
  }

  @Test
  void aFileWhereTheLogFolderWouldBeSendsLogsToLogRoot() throws IOException {
    Files.writeString(app().resolve("iisnode"), "a file, not a folder");
    LogCapture capture = capture(LogFixtures.settings(root));
    Path expected = LogPlacement.fallback(root, APP);

    capture.open(APP, 123, START).line("stdout", "hi");

    assertThat(capture.logFolder()).isEqualTo(expected).startsWith(root.resolve("webgarden-logs"));
    assertThat(expected.getFileName().toString()).matches("hello_hello\\.js-[0-9a-f]{8}");
    assertThat(Files.readString(expected.resolve(OUT0))).isEqualTo("hi\n");
    assertThat(expected.resolve("index.html")).exists();
  }

  @Test
  void aFolderThatCannotBeCreatedSendsLogsToLogRoot() throws IOException {
    // Stat sees a writable app folder, but creating the log folder fails (a name too long for the
    // file system), as on a read-only mount where even root cannot write.
    LogSettings unusable =
        new LogSettings(
            true, "x".repeat(300), 128 * 1024, 1024 * 1024, 20, "", root, LogFormat.TEXT, true);
    LogCapture capture = new LogCapture(APP, app(), unusable, console.text, CLOCK, HOST);
    assertThat(capture.logFolder()).isEqualTo(app().resolve("x".repeat(300)));

    capture.open(APP, 123, START).line("stdout", "hi");

    assertThat(capture.logFolder()).isEqualTo(LogPlacement.fallback(root, APP));
    assertThat(Files.readString(capture.logFolder().resolve(OUT0))).isEqualTo("hi\n");
  }

  @Test
  void aFileInTheLogFoldersPathSendsLogsToLogRoot() throws IOException {
    Files.writeString(app().resolve("logs"), "a file");
    LogSettings nested =
        new LogSettings(
            true, "logs/iisnode", 128 * 1024, 1024 * 1024, 20, "", root, LogFormat.TEXT, true);
    LogCapture capture = new LogCapture(APP, app(), nested, console.text, CLOCK, HOST);

    capture.open(APP, 123, START).line("stdout", "hi");

    assertThat(capture.logFolder()).isEqualTo(LogPlacement.fallback(root, APP));
    assertThat(Files.readString(capture.logFolder().resolve(OUT0))).isEqualTo("hi\n");
  }

  @Test
  void aReadOnlyAppFolderSendsLogsToLogRoot() throws IOException {
    Path app = app();
    assertThat(app.toFile().setWritable(false, false)).isTrue();
    try {
      LogCapture capture = capture(LogFixtures.settings(root));
      capture.open(APP, 123, START).line("stdout", "hi");

      if (Files.isWritable(app)) {
        // Running as root: the mode bit stops nothing, so the app folder is used; the tests
        // above cover the fallback through a folder that cannot be created.
        assertThat(capture.logFolder()).isEqualTo(app.resolve("iisnode"));
      } else {
        assertThat(capture.logFolder()).isEqualTo(LogPlacement.fallback(root, APP));
        assertThat(app.resolve("iisnode")).doesNotExist();
      }
      assertThat(Files.readString(capture.logFolder().resolve(OUT0))).isEqualTo("hi\n");
    } finally {
      app.toFile().setWritable(true, false);
    }
  }

  @Test
  void twoAppsNeverShareAFallbackFolder() {
    assertThat(LogPlacement.fallback(root, "/a_b.js"))
        .isNotEqualTo(LogPlacement.fallback(root, "/a/b.js"));
    assertThat(LogPlacement.fallback(root, "/a/b.js").getParent())
        .isEqualTo(root.resolve("webgarden-logs"));
  }

  @Test
  void aLogDirectoryOutsideTheAppFolderIsNotUsed() throws IOException {
    LogSettings escaping =
        new LogSettings(true, "../../escape", 1024, 4096, 5, "", root, LogFormat.TEXT, true);
    LogCapture capture = new LogCapture(APP, app(), escaping, console.text, CLOCK, HOST);

    assertThat(capture.logFolder()).isEqualTo(site.resolve("hello/iisnode"));
  }

  @Test
  void linesAfterExitAreIgnoredAndTheFileIsReleased() throws IOException {
    LogCapture capture = capture(LogFixtures.settings(root));
    OutputListener listener = capture.open(APP, 123, START);
    listener.line("stdout", "before");
    listener.closed();

    listener.line("stdout", "after");

    assertThat(read(capture, OUT0)).isEqualTo("before\n");
    assertThat(capture.renderIndex("")).doesNotContain("(open)");
  }

  @Test
  void onlyLogFilesInTheFolderAreServed() throws IOException {
    LogCapture capture = capture(LogFixtures.settings(root));
    capture.open(APP, 123, START).line("stdout", "x");
    Files.writeString(capture.logFolder().resolve("notes.txt"), "not a log");

    assertThat(capture.logFile(OUT0)).contains(capture.logFolder().resolve(OUT0));
    assertThat(capture.logFile("notes.txt")).isEmpty();
    assertThat(capture.logFile("index.html")).isEmpty();
    assertThat(capture.logFile("../" + OUT0)).isEmpty();
    assertThat(capture.logFile("web-7d9f-124-stdout-1700000000000.txt")).isEmpty();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** {@code count} distinct lines of {@code length} characters. */
  private static List<String> lines(int count, int length) {
    return IntStream.range(0, count)
        .mapToObj(i -> String.format("%04d", i) + "x".repeat(length - 4))
        .toList();
  }

  private static List<String> names(LogCapture capture) throws IOException {
    try (Stream<Path> files = Files.list(capture.logFolder())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> LogFileName.parse(name).isPresent())
          .collect(Collectors.toList());
    }
  }

  private static String read(LogCapture capture, String name) throws IOException {
    return Files.readString(capture.logFolder().resolve(name), UTF_8);
  }

  private static long size(LogCapture capture, String name) throws IOException {
    return Files.size(capture.logFolder().resolve(name));
  }

  private static long total(LogCapture capture) throws IOException {
    long total = 0;
    for (String name : names(capture)) {
      total += size(capture, name);
    }
    return total;
  }

  static List<String> links(String html) {
    return Pattern.compile("<a href=\"([^\"?]+)")
        .matcher(html)
        .results()
        .map(m -> m.group(1))
        .toList();
  }
}
