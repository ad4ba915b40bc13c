package io.webgarden.sidecar.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the HTTP parser refuses before the router sees them: their answers are the sidecar's own
 * too, and say so in {@code webgarden-error} like every other.
 */
class InvalidRequestsIT {
  @TempDir Path root;

  private static String send(RunningSidecar sidecar, String head) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", sidecar.sidecar().port())) {
      socket.setSoTimeout(10_000); // a sidecar that never answers fails the test, not the build
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return head(socket.getInputStream());
    }
  }

  /**
   * The response's head. Only the head: the server closes after it while the client may still be
   * sending, and a read after the reset that follows would throw.
   */
  private static String head(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  // Netty reports a request it could not parse as HTTP/1.0, so the answer is HTTP/1.0 too.
  @Test
  void aRequestLineOrHeaderBlockTooLongForTheParserIsMarkedAsTheSidecarsAnswer() throws Exception {
    new TestSite(root).handler("", "app.js", "").file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(send(sidecar, "GET /" + "p".repeat(70_000) + " HTTP/1.1\r\nHost: a\r\n\r\n"))
          .matches("(?s)HTTP/1.[01] 414 .*")
          .contains("webgarden-error: request-line-too-long");
      assertThat(
              send(
                  sidecar,
                  "GET /app.js HTTP/1.1\r\nHost: a\r\nX-Big: "
                      + "h".repeat(1_100_000)
                      + "\r\n\r\n"))
          .matches("(?s)HTTP/1.[01] 431 .*")
          .contains("webgarden-error: header-too-large");
      assertThat(send(sidecar, "GET /app.js HTTP/1.1\r\nHost: a\r\nno colon here\r\n\r\n"))
          .matches("(?s)HTTP/1.[01] 400 .*")
          .contains("webgarden-error: bad-request");
    }
  }
}
