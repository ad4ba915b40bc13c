package io.webgarden.sidecar.proxy;

import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real sidecar serving {@link LabApps#LAB} from one folder per settings variant: folder {@code f}
 * holds {@code f/lab.js} with the given {@code <iisnode>} attributes, reached at {@code
 * /f/lab.js/<route>}. Its HTTP/1.1 client never offers h2c, so requests reach node as written.
 */
final class Lab implements AutoCloseable {
  private final RunningSidecar sidecar;
  private final HttpClient http11 =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Lab(RunningSidecar sidecar) {
    this.sidecar = sidecar;
  }

  /**
   * @param folders folder name → iisnode attributes of its web.config
   */
  static Lab start(Path root, Map<String, String> folders) {
    TestSite site = new TestSite(root);
    folders.forEach(
        (folder, attributes) ->
            site.handler(folder, "lab.js", attributes).file(folder + "/lab.js", LabApps.LAB));
    return new Lab(RunningSidecar.start(root));
  }

  int port() {
    return sidecar.sidecar().port();
  }

  URI uri(String pathAndQuery) {
    return sidecar.uri(pathAndQuery);
  }

  HttpClient client() {
    return http11;
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).build());
  }

  HttpResponse<String> send(HttpRequest request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http11.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GETs a JSON route and fails unless it answered 200. */
  JsonObject json(String pathAndQuery) {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  @Override
  public void close() {
    sidecar.close();
  }
}
