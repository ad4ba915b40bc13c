package io.webgarden.sidecar.testing;

/** Node scripts the tests run: plain node, no npm packages. */
public final class NodeApps {
  private NodeApps() {}

  /**
   * Answers every request with JSON describing what the process saw: pid, url, method, headers,
   * selected environment variables and the request body's length. {@code /crash} exits the
   * process without answering; {@code /slow?ms=N} answers after N ms.
   */
  public static final String ECHO = """
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
}
