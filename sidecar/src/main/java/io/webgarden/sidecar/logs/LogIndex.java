package io.webgarden.sidecar.logs;

import io.webgarden.sidecar.errors.Html;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * Renders a log folder's {@code index.html}: one row per log file with its process, stream, size
 * and last write time, newest first, each a relative link, so the page works wherever the folder is
 * served (the app's URL or the admin port).
 */
final class LogIndex {
  static final String FILE_NAME = "index.html";

  /** Newest first; files written in the same instant keep their creation order, reversed. */
  static final Comparator<LogEntry> NEWEST_FIRST =
      Comparator.comparing(LogEntry::lastWrite)
          .thenComparing(LogEntry::name, LogFileName.CREATION_ORDER)
          .reversed();

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private LogIndex() {}

  /**
   * @param application the application's name, for the title
   * @param entries the log files, in any order
   * @param linkQuery appended to every link, e.g. {@code ?token=…}; empty for none
   * @param now when the page was made
   */
  static String render(String application, List<LogEntry> entries, String linkQuery, Instant now) {
    String title = "Logs of " + Html.escape(application);
    StringBuilder html = new StringBuilder(512 + entries.size() * 256);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(title)
        .append("</title>\n")
        .append("<style>body{font-family:sans-serif}td,th{padding:2px 12px;text-align:left}")
        .append("td.n{text-align:right}</style>\n</head>\n<body>\n<h1>")
        .append(title)
        .append("</h1>\n<table>\n<thead><tr><th>File</th><th>Process</th><th>Stream</th>")
        .append("<th>Size (bytes)</th><th>Last write (UTC)</th></tr></thead>\n<tbody>\n");
    entries.stream().sorted(NEWEST_FIRST).forEach(entry -> row(html, entry, linkQuery));
    html.append("</tbody>\n</table>\n<p>")
        .append(entries.size())
        .append(entries.size() == 1 ? " file" : " files")
        .append(", listed at ")
        .append(TIME.format(now))
        .append(" UTC.</p>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void row(StringBuilder html, LogEntry entry, String linkQuery) {
    String name = Html.escape(entry.name().fileName());
    html.append("<tr><td><a href=\"")
        .append(name)
        .append(Html.escape(linkQuery))
        .append("\">")
        .append(name)
        .append("</a></td><td class=\"n\">")
        .append(entry.name().pid())
        .append("</td><td>")
        .append(entry.name().stream())
        .append(entry.writing() ? " (open)" : "")
        .append("</td><td class=\"n\">")
        .append(entry.size())
        .append("</td><td>")
        .append(TIME.format(entry.lastWrite()))
        .append("</td></tr>\n");
  }
}
