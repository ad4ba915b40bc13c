package io.webgarden.sidecar.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 connection over a plain socket, for the tests that must control the bytes: headers
 * Java's HttpClient refuses to send (Host, Connection, TE), chunked bodies written piece by piece,
 * and exact framing of the responses. Every read times out, so a hang fails the test.
 */
final class RawHttp implements AutoCloseable {
  private static final int READ_TIMEOUT_MS = 10_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** One response as it came on the wire. */
  record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = all(name);
      return values.isEmpty() ? null : values.get(0);
    }

    List<String> all(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .toList();
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  RawHttp(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  int localPort() {
    return socket.getLocalPort();
  }

  RawHttp send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  /** Writes one chunk of a chunked body. */
  RawHttp chunk(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return send(Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n");
  }

  /** Reads the head of a response, then its body as its framing says. */
  Response read(String requestMethod) throws IOException {
    Response head = readHead();
    int status = head.status();
    boolean bodiless =
        requestMethod.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1;
    if (bodiless) {
      return head;
    }
    String encoding = head.header("transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return new Response(status, head.headers(), readChunked());
    }
    String length = head.header("content-length");
    if (length != null) {
      return new Response(status, head.headers(), in.readNBytes(Integer.parseInt(length)));
    }
    return new Response(status, head.headers(), in.readAllBytes());
  }

  /** Reads a status line and headers, leaving the body unread. */
  Response readHead() throws IOException {
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not a status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
    }
    return new Response(status, headers, new byte[0]);
  }

  /** Reads one chunk of a chunked body; an empty array is the last chunk. */
  byte[] readChunk() throws IOException {
    String size = line();
    int semicolon = size.indexOf(';');
    int length = Integer.parseInt(semicolon < 0 ? size.strip() : size.substring(0, semicolon), 16);
    if (length == 0) {
      for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
        // Trailers are not under test.
      }
      return new byte[0];
    }
    byte[] data = in.readNBytes(length);
    line();
    return data;
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] chunk = readChunk(); chunk.length > 0; chunk = readChunk()) {
      body.write(chunk);
    }
    return body.toByteArray();
  }

  /** True when the server closed the connection (read returns end of stream). */
  boolean closedByPeer() throws IOException {
    return in.read() < 0;
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-line: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
