package io.webgarden.sidecar.testing;

import io.webgarden.sidecar.server.Sidecar;
import io.webgarden.sidecar.server.SidecarOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A real sidecar on 127.0.0.1 with free ports, serving a test site; close() shuts it down. */
public final class RunningSidecar implements AutoCloseable {
  private final Sidecar sidecar;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RunningSidecar(Sidecar sidecar) {
    this.sidecar = sidecar;
  }

  public static RunningSidecar start(Path site) {
    return start(site, Map.of(), null);
  }

  /**
   * @param env extra environment variables of the sidecar (IISNODE_* overrides, NODE_ENV)
   * @param settingsFile the --settings file, or null
   */
  public static RunningSidecar start(Path site, Map<String, String> env, Path settingsFile) {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.keySet().removeIf(key -> key.startsWith("IISNODE_") || key.equals("NODE_ENV"));
    // Access-log lines of every in-process sidecar would drown the test output; the tests of the
    // access log run the real jar.
    environment.put("IISNODE_accessLogEnabled", "false");
    environment.putAll(env);
    try {
      return new RunningSidecar(
          Sidecar.start(
              new SidecarOptions(
                  site, "127.0.0.1", 0, freePort(), Optional.ofNullable(settingsFile)),
              environment));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Sidecar sidecar() {
    return sidecar;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + sidecar.port() + pathAndQuery);
  }

  public URI adminUri(String path) {
    return URI.create("http://127.0.0.1:" + sidecar.adminPort() + path);
  }

  public HttpClient client() {
    return client;
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    sidecar.shutdown();
  }
}
