package io.webgarden.sidecar.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** enableXFF and promoteServerVars: the headers iisnode added for the app. */
class ForwardingIT {
  private static final String VARIABLES =
      "REMOTE_ADDR,REMOTE_PORT,SERVER_PORT,HTTPS,URL,"
          + "QUERY_STRING,HTTP_HOST,REQUEST_METHOD,SERVER_PROTOCOL,SERVER_NAME,AUTH_TYPE,AUTH_USER,"
          + "LOGON_USER";

  @TempDir static Path root;
  static Lab lab;

  @BeforeAll
  static void start() {
    lab =
        Lab.start(
            root,
            Map.of(
                "plain",
                "",
                "xff",
                "enableXFF=\"true\"",
                "vars",
                "promoteServerVars=\"" + VARIABLES + "\""));
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  private static JsonObject seenBy(String folder, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(lab.uri("/" + folder + "/lab.js/headers"));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return new JsonObject(lab.send(request.build()).body()).getJsonObject("headers");
  }

  @Test
  void enableXffAddsTheClientAddressAndProto() {
    JsonObject seen = seenBy("xff");

    assertThat(seen.getString("x-forwarded-for")).isEqualTo("127.0.0.1");
    assertThat(seen.getString("x-forwarded-proto")).isEqualTo("http");
  }

  @Test
  void enableXffAppendsToAnExistingChain() {
    assertThat(seenBy("xff", "X-Forwarded-For", "203.0.113.7").getString("x-forwarded-for"))
        .isEqualTo("203.0.113.7, 127.0.0.1");
    assertThat(
            seenBy("xff", "X-Forwarded-For", "203.0.113.7", "X-Forwarded-For", "10.0.0.2")
                .getString("x-forwarded-for"))
        .isEqualTo("203.0.113.7, 10.0.0.2, 127.0.0.1");
  }

  @Test
  void enableXffDoesNotAppendTheClientTwice() {
    assertThat(
            seenBy("xff", "X-Forwarded-For", "203.0.113.7, 127.0.0.1").getString("x-forwarded-for"))
        .isEqualTo("203.0.113.7, 127.0.0.1");
  }

  @Test
  void enableXffKeepsAnExistingProto() {
    assertThat(seenBy("xff", "X-Forwarded-Proto", "https").getString("x-forwarded-proto"))
        .isEqualTo("https");
  }

  @Test
  void forwardingHeadersAreOffByDefault() {
    JsonObject bare = seenBy("plain");
    JsonObject chained = seenBy("plain", "X-Forwarded-For", "203.0.113.7");

    assertThat(bare.containsKey("x-forwarded-for")).isFalse();
    assertThat(bare.containsKey("x-forwarded-proto")).isFalse();
    assertThat(chained.getString("x-forwarded-for")).isEqualTo("203.0.113.7");
    assertThat(bare.fieldNames()).noneMatch(name -> name.startsWith("x-iisnode-"));
  }

  @Test
  void promotedServerVariablesReachNodeAsHeaders() throws IOException {
    String credentials =
        Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
    try (RawHttp connection = new RawHttp(lab.port())) {
      RawHttp.Response response =
          connection
              .send(
                  "POST /vars/lab.js/headers/extra%20info?a=1&b=%41 HTTP/1.1\r\n"
                      + "Host: shop.example.test:8443\r\nAuthorization: Basic "
                      + credentials
                      + "\r\n"
                      + "Content-Length: 0\r\n\r\n")
              .read("POST");

      assertThat(response.status()).as(response.text()).isEqualTo(200);
      JsonObject seen = new JsonObject(response.text()).getJsonObject("headers");
      assertThat(seen.getString("x-iisnode-remote_addr")).isEqualTo("127.0.0.1");
      assertThat(seen.getString("x-iisnode-remote_port"))
          .isEqualTo(Integer.toString(connection.localPort()));
      assertThat(seen.getString("x-iisnode-server_port")).isEqualTo(Integer.toString(lab.port()));
      assertThat(seen.getString("x-iisnode-https")).isEqualTo("off");
      assertThat(seen.getString("x-iisnode-url")).isEqualTo("/vars/lab.js/headers/extra%20info");
      assertThat(seen.getString("x-iisnode-query_string")).isEqualTo("a=1&b=%41");
      assertThat(seen.getString("x-iisnode-http_host")).isEqualTo("shop.example.test:8443");
      assertThat(seen.getString("x-iisnode-request_method")).isEqualTo("POST");
      assertThat(seen.getString("x-iisnode-server_protocol")).isEqualTo("HTTP/1.1");
      assertThat(seen.getString("x-iisnode-server_name")).isEqualTo("shop.example.test");
      assertThat(seen.getString("x-iisnode-auth_type")).isEqualTo("Basic");
      assertThat(seen.getString("x-iisnode-auth_user")).isEqualTo("alice");
      assertThat(seen.getString("x-iisnode-logon_user")).isEqualTo("alice");
    }
  }

  @Test
  void promotedAuthVariablesAreEmptyWithoutCredentials() {
    JsonObject seen = seenBy("vars");

    assertThat(seen.getString("x-iisnode-auth_type")).isEmpty();
    assertThat(seen.getString("x-iisnode-auth_user")).isEmpty();
    assertThat(seen.getString("x-iisnode-query_string")).isEmpty();
    assertThat(seen.getString("x-iisnode-request_method")).isEqualTo("GET");
  }
}
