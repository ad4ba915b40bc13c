package io.webgarden.sidecar.testing;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Node scripts the tests run: plain node, no npm packages. */
public final class NodeApps {
  private static final Pattern PID = Pattern.compile("\"pid\":(\\d+)");

  private NodeApps() {}

  /** The pid an {@link #ECHO} or {@link #CRASH_ONCE} response names. */
  public static long pid(HttpResponse<String> response) {
    Matcher matcher = PID.matcher(response.body());
    if (!matcher.find()) {
      throw new AssertionError("no pid in " + response.statusCode() + " " + response.body());
    }
    return Long.parseLong(matcher.group(1));
  }

  /**
   * Answers every request with JSON describing what the process saw: pid, url, method, headers,
   * selected environment variables and the request body's length. {@code /crash} exits the process
   * without answering; {@code /slow?ms=N} answers after N ms.
   */
  public static final String ECHO =
      """
      const http = require('http');
      const server = http.createServer((req, res) => {
        const url = new URL(req.url, 'http://x');
        if (url.pathname.endsWith('/crash')) { process.exit(3); }
        let length = 0;
        req.on('data', chunk => { length += chunk.length; });
        req.on('end', () => {
          const answer = () => {
            const body = JSON.stringify({
              pid: process.pid, url: req.url, method: req.method, headers: req.headers,
              bodyLength: length, cwd: process.cwd(),
              env: { PORT: process.env.PORT, NODE_ENV: process.env.NODE_ENV,
                     IISNODE_VERSION: process.env.IISNODE_VERSION, GREETING: process.env.GREETING }
            });
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(body);
          };
          const ms = Number(url.searchParams.get('ms') || 0);
          if (ms > 0) { setTimeout(answer, ms); } else { answer(); }
        });
      });
      server.listen(process.env.PORT);
      """;

  /**
   * Like {@link #ECHO}, but {@code /crash-once} makes the first process that sees it exit without
   * answering (it leaves a marker file in the app's folder); later ones answer normally.
   */
  public static final String CRASH_ONCE =
      """
      const fs = require('fs');
      const http = require('http');
      http.createServer((req, res) => {
        if (req.url.includes('/crash-once') && !fs.existsSync('crashed.marker')) {
          fs.writeFileSync('crashed.marker', String(process.pid));
          process.exit(4);
        }
        req.resume();
        req.on('end', () => res.end(JSON.stringify({ pid: process.pid, url: req.url })));
      }).listen(process.env.PORT);
      """;

  /** Prints to both streams, then throws while loading, as a broken deployment does. */
  public static final String THROWS_AT_LOAD =
      """
      console.log('starting up');
      console.error('about to fail <loudly>');
      throw new Error('boom: missing configuration');
      """;

  /** Stays alive but never listens on PORT. */
  public static final String NEVER_LISTENS =
      """
      console.log('listening on the wrong thing');
      setInterval(() => {}, 1000);
      """;
}
