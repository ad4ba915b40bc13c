package io.webgarden.sidecar.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends its whole large body before it reads the answer, as most clients do, reads
 * the 413 of requestLimits/@maxAllowedContentLength: the sidecar drains what it will not use before
 * it closes, instead of closing on unread bytes, which makes the kernel answer with a TCP reset
 * that discards the 413 on the client's side (ECONNRESET instead of the answer).
 */
class LingeringCloseIT {
  private static final int BODY = 4 << 20;

  @TempDir static Path root;
  private static RunningSidecar sidecar;

  @BeforeAll
  static void start() {
    new TestSite(root)
        .file(
            "web.config",
            TestSite.webConfig(
                """
                <handlers><add name="iisnode" path="app.js" verb="*" modules="iisnode"/></handlers>
                <security><requestFiltering>
                  <requestLimits maxAllowedContentLength="1000"/>
                </requestFiltering></security>
                """))
        .file("app.js", NodeApps.ECHO);
    sidecar = RunningSidecar.start(root);
  }

  @AfterAll
  static void stop() {
    if (sidecar != null) {
      sidecar.close();
    }
  }

  @Test
  void aClientThatSendsAllOfABodyOverContentLengthsLimitReadsThe413() throws Exception {
    String answer =
        sendAllThenRead(
            "Content-Length: " + BODY + "\r\n",
            out -> {
              byte[] block = new byte[64 * 1024];
              for (int sent = 0; sent < BODY; sent += block.length) {
                out.write(block);
              }
            });
    assertThat(answer)
        .startsWith("HTTP/1.1 413")
        .contains("content-too-large")
        .containsIgnoringCase("connection: close");
  }

  @Test
  void aClientThatSendsAllOfAChunkedBodyOverTheLimitReadsThe413() throws Exception {
    String answer =
        sendAllThenRead(
            "Transfer-Encoding: chunked\r\n",
            out -> {
              byte[] block = new byte[64 * 1024];
              byte[] size = "10000\r\n".getBytes(StandardCharsets.ISO_8859_1);
              byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
              for (int sent = 0; sent < BODY; sent += block.length) {
                out.write(size);
                out.write(block);
                out.write(crlf);
              }
              out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            });
    assertThat(answer)
        .startsWith("HTTP/1.1 413")
        .contains("content-too-large")
        .containsIgnoringCase("connection: close");
  }

  @Test
  void theConnectionStillClosesWhenTheClientSendsNoMore() throws Exception {
    // The head promises a body that never comes: the sidecar closes after its bounded wait.
    try (Socket socket = new Socket("127.0.0.1", sidecar.sidecar().port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /app.js HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + BODY + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      long started = System.nanoTime();
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat((System.nanoTime() - started) / 1_000_000)
          .as("closed within the drain's time bound (ms)")
          .isLessThan(20_000);
    }
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** Sends the head and the whole body, then reads the answer to its end; a reset fails. */
  private static String sendAllThenRead(String framing, Body body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", sidecar.sidecar().port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /app.js HTTP/1.1\r\nHost: localhost\r\n" + framing + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      body.write(out);
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
