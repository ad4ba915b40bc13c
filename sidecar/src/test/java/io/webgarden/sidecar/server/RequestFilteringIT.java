package io.webgarden.sidecar.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.AzureNodeWebConfig;
import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IIS request filtering through a real sidecar in front of a real node app. */
class RequestFilteringIT {
  private static final String SECRET = "npm-token-7f3a9c";

  @TempDir Path root;

  /** A site whose node_modules holds a secret, hidden as iisnode's samples hide it. */
  private TestSite appWithSecretInNodeModules() {
    return new TestSite(root)
        .file(
            "web.config",
            """
        <configuration><system.webServer>
          <handlers><add name="iisnode" path="app.js" verb="*" modules="iisnode"/></handlers>
          <security><requestFiltering>
            <hiddenSegments><add segment="node_modules"/></hiddenSegments>
            <requestLimits maxAllowedContentLength="1000" maxQueryString="100"/>
          </requestFiltering></security>
        </system.webServer></configuration>
        """)
        .file("app.js", NodeApps.ECHO)
        .file("node_modules/left-pad/index.js", "module.exports = '" + SECRET + "';")
        .file("node_modules/left-pad/.npmrc", SECRET)
        .file("bin/a.txt", SECRET)
        .file("App_Data/db.txt", SECRET)
        .file("public/ok.txt", "fine");
  }

  @Test
  void hiddenSegmentsAndIisDefaultsNeverServeTheSecret() throws Exception {
    appWithSecretInNodeModules();
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(sidecar.get("/public/ok.txt").body()).isEqualTo("fine");
      for (String path :
          new String[] {
            "/node_modules/left-pad/index.js",
            "/NODE_MODULES/left-pad/index.js",
            "/node_modules/left-pad/",
            "/bin/a.txt",
            "/App_Data/db.txt",
            "/app_data/db.txt"
          }) {
        HttpResponse<String> response = sidecar.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.headers().firstValue("webgarden-error"))
            .as(path)
            .hasValue("hidden-segment");
        assertThat(response.body()).as(path).doesNotContain(SECRET);
      }
      assertThat(sidecar.get("/web.config").statusCode()).isEqualTo(404);
      // Percent-encoding a letter of the segment does not get around it, and double escaping it
      // is refused by allowDoubleEscaping="false".
      assertThat(SiteServingIT.raw(sidecar, "/node%5Fmodules/left-pad/index.js"))
          .startsWith("HTTP/1.1 404")
          .contains("webgarden-error: hidden-segment")
          .doesNotContain(SECRET);
      assertThat(SiteServingIT.raw(sidecar, "/node%255Fmodules/left-pad/index.js"))
          .startsWith("HTTP/1.1 404")
          .contains("webgarden-error: double-escaped-url")
          .doesNotContain(SECRET);
    }
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413BeforeItIsSentAndTheAppNeverSeesIt() throws Exception {
    appWithSecretInNodeModules();
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> small =
          sidecar.send(
              HttpRequest.newBuilder(sidecar.uri("/app.js"))
                  .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000)))
                  .build());
      assertThat(small.statusCode()).isEqualTo(200);
      assertThat(small.body()).contains("\"bodyLength\":1000");

      // Only the head is sent: the answer must come without the body having been read.
      try (Socket socket = new Socket("127.0.0.1", sidecar.sidecar().port())) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /app.js HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(response)
            .startsWith("HTTP/1.1 413")
            .contains("content-too-large")
            .doesNotContain("bodyLength");
      }
    }
  }

  /**
   * Counts each request body as it arrives: a finished one is answered with its length, an aborted
   * one is remembered, and {@code /last} tells what the last aborted request delivered.
   */
  private static final String COUNTING_APP =
      """
      const http = require('http');
      let lastAborted = null;
      http.createServer((req, res) => {
        if (req.url.endsWith('/last')) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ pid: process.pid, lastAborted }));
          return;
        }
        let received = 0;
        let ended = false;
        req.on('data', chunk => { received += chunk.length; });
        req.on('end', () => {
          ended = true;
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ pid: process.pid, received }));
        });
        req.on('close', () => { if (!ended) { lastAborted = received; } });
      }).listen(process.env.PORT);
      """;

  @Test
  void aChunkedBodyOverTheLimitIsCutOffWith413AndTheAppNeverGetsAllOfIt() throws Exception {
    new TestSite(root)
        .file(
            "web.config",
            """
        <configuration><system.webServer>
          <handlers><add name="iisnode" path="count.js" verb="*" modules="iisnode"/></handlers>
          <security><requestFiltering>
            <requestLimits maxAllowedContentLength="1000"/>
          </requestFiltering></security>
        </system.webServer></configuration>
        """)
        .file("count.js", COUNTING_APP);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      String under = chunkedPost(sidecar, 3, 300, true);
      assertThat(under).startsWith("HTTP/1.1 200").contains("\"received\":900");
      long pid = NodeApps.pid(sidecar.get("/count.js/last"));

      // Two chunks and no end: the second passes the limit. Sending on after the 413 would race
      // the sidecar's close, whose reset can discard the answer before the client reads it.
      String over = chunkedPost(sidecar, 2, 1000, false);
      assertThat(over)
          .startsWith("HTTP/1.1 413")
          .contains("webgarden-error: content-too-large")
          .containsIgnoringCase("connection: close")
          .doesNotContain("received");

      // The app saw at most the limit, and the same process serves the next request.
      Pattern aborted = Pattern.compile("\"lastAborted\":(\\d+)");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Matcher seen = aborted.matcher("");
      boolean reported = false;
      while (!reported && System.nanoTime() < deadline) {
        HttpResponse<String> last = sidecar.get("/count.js/last");
        assertThat(NodeApps.pid(last)).isEqualTo(pid);
        seen = aborted.matcher(last.body());
        reported = seen.find();
        if (!reported) {
          Thread.sleep(50);
        } // polling until node reports the aborted request; the deadline bounds it
      }
      assertThat(reported).as("node reported the aborted request").isTrue();
      assertThat(Long.parseLong(seen.group(1))).isLessThanOrEqualTo(1000);
    }
  }

  /**
   * POSTs {@code chunks} chunks of {@code size} bytes with chunked coding, and the last chunk if
   * {@code finish}; the raw answer.
   */
  private static String chunkedPost(RunningSidecar sidecar, int chunks, int size, boolean finish)
      throws Exception {
    try (Socket socket = new Socket("127.0.0.1", sidecar.sidecar().port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String chunk = Integer.toHexString(size) + "\r\n" + "x".repeat(size) + "\r\n";
      try {
        out.write(
            ("POST /count.js HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < chunks; i++) {
          out.write(chunk.getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
        if (finish) {
          out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
      } catch (IOException closed) {
        // The sidecar may close the connection after its 413 while the rest is still being sent.
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
          answer.write(buffer, 0, read);
        }
      } catch (IOException reset) {
        answer.write(("\n[reset: " + reset.getMessage() + "]").getBytes(StandardCharsets.UTF_8));
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void longUrlsAndQueryStringsGetIisAnswers() throws Exception {
    appWithSecretInNodeModules();
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(SiteServingIT.raw(sidecar, "/app.js?" + "q".repeat(100)))
          .startsWith("HTTP/1.1 200");
      assertThat(SiteServingIT.raw(sidecar, "/app.js?" + "q".repeat(101)))
          .startsWith("HTTP/1.1 404")
          .contains("webgarden-error: query-string-too-long");
      // IIS's default maxUrl is 4096; longer than the HTTP parser's old 4096-byte request line.
      assertThat(SiteServingIT.raw(sidecar, "/app.js/" + "p".repeat(4000)))
          .startsWith("HTTP/1.1 200");
      assertThat(SiteServingIT.raw(sidecar, "/app.js/" + "p".repeat(4100)))
          .startsWith("HTTP/1.1 414")
          .contains("webgarden-error: url-too-long");
    }
  }

  @Test
  void theAzureTemplateUnhidesBinOnlyAndKeepsTheOtherDefaults() {
    new TestSite(root)
        .file("web.config", AzureNodeWebConfig.XML)
        .file("server.js", NodeApps.ECHO)
        .file("public/bin/tool.txt", "tool")
        .file("App_Data/db.txt", SECRET)
        .file("public/App_Data/db.txt", SECRET);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> bin = sidecar.get("/bin/tool.txt");
      assertThat(bin.statusCode()).isEqualTo(200);
      assertThat(bin.body()).isEqualTo("tool");
      HttpResponse<String> data = sidecar.get("/App_Data/db.txt");
      assertThat(data.statusCode()).isEqualTo(404);
      assertThat(data.body()).doesNotContain(SECRET);
    }
  }
}
