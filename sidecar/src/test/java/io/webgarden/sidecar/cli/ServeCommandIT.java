package io.webgarden.sidecar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webgarden.sidecar.testing.SidecarJar;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as a user runs it: the shaded jar with its flags. */
class ServeCommandIT {
  @TempDir Path site;

  @Test
  void adminAddressBindsTheAdminEndpointsToThatAddressOnly() throws Exception {
    Files.writeString(site.resolve("index.html"), "hi");
    try (SidecarJar jar =
        SidecarJar.start(
            site, Map.of("IISNODE_accessLogEnabled", "false"), "--admin-address", "127.0.0.2")) {
      int adminPort = jar.adminPort();
      String started = jar.awaitLine(line -> line.startsWith("webgarden serving"));
      assertThat(started).contains("admin on 127.0.0.2:" + adminPort);
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.2:" + adminPort + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThatThrownBy(
              () ->
                  new Socket()
                      .connect(
                          new InetSocketAddress(InetAddress.getLoopbackAddress(), adminPort), 2000))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void aTakenPortNamesThePortAndItsFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      try (SidecarJar jar =
          SidecarJar.run(
              "serve", site.toString(), "--port", Integer.toString(port), "--admin-port", "0")) {
        assertThat(jar.awaitExit()).isEqualTo(1);
        assertThat(jar.awaitErrorLine(line -> line.startsWith("webgarden-sidecar:")))
            .contains("port " + port + " on 0.0.0.0 is already in use", "--port");
      }
      try (SidecarJar jar =
          SidecarJar.run(
              "serve", site.toString(), "--port", "0", "--admin-port", Integer.toString(port))) {
        assertThat(jar.awaitExit()).isEqualTo(1);
        assertThat(jar.awaitErrorLine(line -> line.startsWith("webgarden-sidecar:")))
            .contains("port " + port + " on 0.0.0.0 is already in use", "--admin-port", "9090");
      }
    }
  }
}
