package io.webgarden.sidecar.logs;

import io.webgarden.sidecar.testing.RunningSidecar;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The node app and index parsing this package's ITs share. */
final class LogApps {
  /**
   * Prints {@code booting <pid> on stderr é✓} at load; each request prints {@code ?say=} on stdout
   * and {@code ?lines=N} numbered lines of 101 bytes, then answers JSON with its pid.
   */
  static final String CHATTY =
      """
      const http = require('http');
      console.error('booting ' + process.pid + ' on stderr \\u00e9\\u2713');
      http.createServer((req, res) => {
        const url = new URL(req.url, 'http://x');
        const lines = Number(url.searchParams.get('lines') || 0);
        for (let i = 0; i < lines; i++) {
          console.log('line ' + String(i).padStart(5, '0') + ' ' + 'x'.repeat(89));
        }
        const say = url.searchParams.get('say');
        if (say) { console.log(say); }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ pid: process.pid, url: req.url }));
      }).listen(process.env.PORT);
      """;

  private static final Pattern ROW =
      Pattern.compile(
          "<tr><td><a href=\"([^\"]+)\">([^<]+)</a></td><td class=\"n\">(\\d+)</td>"
              + "<td>(stdout|stderr)( \\(open\\))?</td><td class=\"n\">(\\d+)</td>"
              + "<td>(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)</td></tr>");

  private LogApps() {}

  /** One row of an index.html, in page order. */
  record Row(
      String href,
      String file,
      long pid,
      String stream,
      boolean open,
      long size,
      String lastWrite) {}

  static List<Row> rows(String indexHtml) {
    List<Row> rows = new ArrayList<>();
    Matcher m = ROW.matcher(indexHtml);
    while (m.find()) {
      rows.add(
          new Row(
              m.group(1),
              m.group(2),
              Long.parseLong(m.group(3)),
              m.group(4),
              m.group(5) != null,
              Long.parseLong(m.group(6)),
              m.group(7)));
    }
    return rows;
  }

  /** The rows of the index at {@code indexUrl}, or none when it does not answer 200. */
  static List<Row> rows(RunningSidecar sidecar, String indexUrl) {
    HttpResponse<String> index = sidecar.get(indexUrl);
    return index.statusCode() == 200 ? rows(index.body()) : List.of();
  }
}
