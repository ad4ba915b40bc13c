package io.webgarden.e2e.node;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One GET, run as its own JVM inside a network namespace (see {@link RealNode#fetch}): prints the
 * status code on the first line, then the body. Usage: {@code Fetch <url>}
 */
public final class Fetch {
  private Fetch() {}

  public static void main(String[] args) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    System.out.println(response.statusCode());
    System.out.print(response.body());
  }
}
