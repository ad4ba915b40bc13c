package io.webgarden.sidecar.debug;

import static io.webgarden.sidecar.testing.Skips.skipOrFail;
import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who reaches the debugger. A remote client is simulated without leaving the machine: the test's
 * socket binds one of this machine's own non-loopback addresses as its source and connects to the
 * sidecar on 127.0.0.1, so the sidecar sees a non-loopback peer while the traffic stays on lo.
 */
class DebuggerAccessIT {
  @TempDir Path root;

  @Test
  void remoteClientsNeedTheTokenAndLoopbackClientsDoNot() throws Exception {
    InetAddress remote = nonLoopbackAddress();
    new TestSite(root)
        .handler("", "app.js", "debuggerPortRange=\"6301-6400\" debuggerAccessToken=\"s3cret\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      int port = sidecar.sidecar().port();

      String refused = get(remote, port, "/app.js/debug/", null);
      assertThat(refused)
          .startsWith("HTTP/1.1 403 ")
          .containsIgnoringCase("webgarden-error: debugger-access-denied");
      assertThat(get(remote, port, "/app.js/debug/?token=guess", null)).startsWith("HTTP/1.1 403 ");
      assertThat(get(remote, port, "/app.js/debug/json/list", "Bearer guess"))
          .startsWith("HTTP/1.1 403 ");
      // Refused requests started no debug session: the app still runs without the inspector.
      long pid = NodeApps.pid(sidecar.get("/app.js"));
      assertThat(commandLine(pid)).doesNotContain("--inspect");

      String page = get(remote, port, "/app.js/debug/", "Bearer s3cret");
      assertThat(page)
          .startsWith("HTTP/1.1 200 ")
          .contains("websocketAddress", "/app.js/debug/ws/");

      // Let in by ?token=, the page's addresses keep the token, since a browser sends no header.
      String byQuery = get(remote, port, "/app.js/debug/?token=s3cret", null);
      assertThat(byQuery)
          .startsWith("HTTP/1.1 200 ")
          .containsPattern("/app\\.js/debug/ws/[0-9a-f-]+\\?token=s3cret")
          .contains("?token=s3cret&amp;kill");
      assertThat(get(remote, port, "/app.js/debug/?token=s3cret&kill", null))
          .endsWith("The debugger and debugee processes have been killed.");

      // Loopback (a shell in the pod, kubectl port-forward) needs no token.
      assertThat(sidecar.get("/app.js/debug/?kill").body())
          .isEqualTo("The debugger for the application is not running.");
    }
  }

  @Test
  void withoutATokenOnlyLoopbackIsServed() throws Exception {
    InetAddress remote = nonLoopbackAddress();
    new TestSite(root)
        .handler("", "app.js", "debuggerPortRange=\"6401-6500\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      int port = sidecar.sidecar().port();
      assertThat(get(remote, port, "/app.js/debug/", "Bearer ")).startsWith("HTTP/1.1 403 ");
      assertThat(get(remote, port, "/app.js/debug/?token=", null)).startsWith("HTTP/1.1 403 ");
      assertThat(get(remote, port, "/app.js", null)).startsWith("HTTP/1.1 200 ");
      assertThat(sidecar.get("/app.js/debug/").statusCode()).isEqualTo(200);
    }
  }

  private static InetAddress nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address;
        }
      }
    }
    skipOrFail("this machine has no non-loopback IPv4 address to send from");
    return null;
  }

  /** One request over a socket from {@code source}; the whole response as text. */
  private static String get(InetAddress source, int port, String pathAndQuery, String authorization)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + pathAndQuery
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nConnection: close\r\n"
                  + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                  + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String commandLine(long pid) throws IOException {
    return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
  }
}
