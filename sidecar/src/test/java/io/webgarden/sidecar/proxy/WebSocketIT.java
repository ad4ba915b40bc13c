package io.webgarden.sidecar.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WebSocket runs end to end: Java's client, the sidecar's tunnel, a plain-node server. */
class WebSocketIT {
  private static final long TIMEOUT_S = 10;

  @TempDir static Path root;
  static RunningSidecar sidecar;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    // One request at a time per process, and a short queue wait: a tunnel that kept its process
    // slot after closing would make the plain request below fail fast with 503.
    new TestSite(root)
        .handler(
            "ws", "ws.js", "maxConcurrentRequestsPerProcess=\"1\" pendingRequestTimeout=\"3000\"")
        .file("ws/ws.js", LabApps.WEBSOCKET);
    sidecar = RunningSidecar.start(root);
  }

  @AfterAll
  static void stop() {
    sidecar.close();
  }

  /** Collects what the server sends. */
  private static final class Inbox implements WebSocket.Listener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.completeExceptionally(error);
    }

    String next() throws InterruptedException {
      String text = texts.poll(TIMEOUT_S, TimeUnit.SECONDS);
      assertThat(text).as("a message within %s s", TIMEOUT_S).isNotNull();
      return text;
    }
  }

  /** Opens a WebSocket through the sidecar; node greets in the same write as its 101. */
  private static WebSocket open(String path, Inbox inbox) throws Exception {
    return open(sidecar, path, inbox);
  }

  private static WebSocket open(RunningSidecar through, String path, Inbox inbox) throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + through.sidecar().port() + path);
    WebSocket socket =
        CLIENT.newWebSocketBuilder().buildAsync(uri, inbox).get(TIMEOUT_S, TimeUnit.SECONDS);
    assertThat(inbox.next()).as("sent by node with its 101").isEqualTo("welcome");
    return socket;
  }

  private static void assertEchoes(WebSocket socket, Inbox inbox, String text) throws Exception {
    socket.sendText(text, true).get(TIMEOUT_S, TimeUnit.SECONDS);
    assertThat(inbox.next()).isEqualTo("echo: " + text);
  }

  /** The tunnel gave its process slot back: a plain request is served, not queued until 503. */
  private static void assertTheProcessSlotIsFree() {
    HttpResponse<String> plain = sidecar.get("/ws/ws.js/plain");
    assertThat(plain.statusCode()).isEqualTo(426);
    assertThat(plain.body()).isEqualTo("websocket only");
  }

  @Test
  void textEchoesThroughTheSidecarAndTheCloseHandshakeCompletes() throws Exception {
    Inbox inbox = new Inbox();
    WebSocket socket = open("/ws/ws.js/chat?room=1", inbox);

    assertEchoes(socket, inbox, "hello");
    // 16-bit and 64-bit frame lengths, in both directions.
    assertEchoes(socket, inbox, "m".repeat(1_000));
    assertEchoes(socket, inbox, "L".repeat(70_000));

    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT_S, TimeUnit.SECONDS);
    assertThat(inbox.closed.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    assertTheProcessSlotIsFree();
  }

  /** A rolling update must not cut a chat: the sidecar stops once the WebSocket is closed. */
  @Test
  void shutdownLetsAnOpenWebSocketFinishBeforeItStopsTheProcess(@TempDir Path own)
      throws Exception {
    new TestSite(own).handler("ws", "ws.js", "").file("ws/ws.js", LabApps.WEBSOCKET);
    RunningSidecar stopping = RunningSidecar.start(own);
    Inbox inbox = new Inbox();
    WebSocket socket = open(stopping, "/ws/ws.js", inbox);

    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(stopping::close);
    await()
        .atMost(Duration.ofSeconds(TIMEOUT_S))
        .until(
            () ->
                stopping
                        .send(HttpRequest.newBuilder(stopping.adminUri("/readyz")).build())
                        .statusCode()
                    == 503);

    assertEchoes(socket, inbox, "while the sidecar shuts down");
    assertThat(shutdown).isNotDone();
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT_S, TimeUnit.SECONDS);
    assertThat(inbox.closed.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    shutdown.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aClientThatDropsTheSocketFreesTheTunnel() throws Exception {
    Inbox inbox = new Inbox();
    WebSocket socket = open("/ws/ws.js", inbox);
    assertEchoes(socket, inbox, "before abort");

    socket.abort();

    assertTheProcessSlotIsFree();
  }
}
