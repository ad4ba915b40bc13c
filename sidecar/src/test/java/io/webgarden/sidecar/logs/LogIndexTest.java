package io.webgarden.sidecar.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogIndexTest {
  private static final Instant T = Instant.parse("2025-01-02T03:04:05Z");

  private static LogEntry entry(long pid, String stream, int seq, long size, Instant written) {
    return new LogEntry(new LogFileName("h", pid, stream, 1000, seq), size, written, false);
  }

  @Test
  void listsNewestFirstWithProcessStreamSizeAndTime() {
    String html =
        LogIndex.render(
            "/a/app.js",
            List.of(
                entry(1, "stdout", 0, 10, T),
                entry(2, "stderr", 0, 20, T.plusSeconds(60)),
                entry(1, "stdout", 1, 30, T)),
            "",
            T.plusSeconds(120));

    assertThat(LogCaptureTest.links(html))
        .containsExactly("h-2-stderr-1000.txt", "h-1-stdout-1000-1.txt", "h-1-stdout-1000.txt");
    assertThat(html)
        .contains(
            "<tr><td><a href=\"h-2-stderr-1000.txt\">h-2-stderr-1000.txt</a></td>"
                + "<td class=\"n\">2</td><td>stderr</td><td class=\"n\">20</td>"
                + "<td>2025-01-02 03:05:05</td></tr>")
        .contains("3 files, listed at 2025-01-02 03:06:05 UTC.")
        .startsWith("<!DOCTYPE html>");
  }

  @Test
  void escapesTheNameAndTheLinkQuery() {
    String html =
        LogIndex.render(
            "/<script>&\"'.js", List.of(entry(1, "stdout", 0, 1, T)), "?token=a\"<&", T);

    assertThat(html)
        .contains("<title>Logs of /&lt;script&gt;&amp;&quot;&#39;.js</title>")
        .contains("href=\"h-1-stdout-1000.txt?token=a&quot;&lt;&amp;\"")
        .doesNotContain("<script>");
  }

  @Test
  void anEmptyFolderSaysSo() {
    assertThat(LogIndex.render("/a.js", List.of(), "", T))
        .contains("<tbody>\n</tbody>")
        .contains("0 files,");
  }
}
