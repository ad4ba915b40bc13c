package io.webgarden.sidecar.debug;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebuggerIT {
  private static final Pattern WS = Pattern.compile("ws://[^\"<\\s]+/app\\.js/debug/ws/[0-9a-f-]+");

  @TempDir Path root;

  @Test
  void debugsThroughTheSidecarFromStartToKill() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "debuggerPortRange=\"6100-6200\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long normalPid = NodeApps.pid(sidecar.get("/app.js"));

      HttpResponse<String> redirect = sidecar.get("/app.js/debug");
      assertThat(redirect.statusCode()).isEqualTo(301);
      assertThat(redirect.headers().firstValue("location")).hasValue("/app.js/debug/");

      HttpResponse<String> page = sidecar.get("/app.js/debug/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains(
              "devtools://devtools/bundled/", "chrome://inspect", "websocketAddress", "?kill");
      Matcher ws = WS.matcher(page.body());
      assertThat(ws.find()).as(page.body()).isTrue();

      // Requests keep flowing, now to the one debug process, started under the inspector.
      long debugPid = NodeApps.pid(sidecar.get("/app.js/after"));
      assertThat(debugPid).isNotEqualTo(normalPid);
      String commandLine =
          Files.readString(Path.of("/proc", Long.toString(debugPid), "cmdline")).replace('\0', ' ');
      assertThat(commandLine).containsPattern("--inspect=127\\.0\\.0\\.1:6[12]\\d\\d ");

      JsonArray targets = new JsonArray(sidecar.get("/app.js/debug/json/list").body());
      assertThat(targets.getJsonObject(0).getString("webSocketDebuggerUrl")).isEqualTo(ws.group());

      assertThat(evaluate(URI.create(ws.group()), "6 * 7")).isEqualTo(42);

      assertThat(sidecar.get("/app.js/debug/?what").body())
          .isEqualTo(
              "Unrecognized debugging command. Supported commands are ?debug (default), ?brk, and"
                  + " ?kill.");
      assertThat(sidecar.get("/app.js/debug/?kill").body())
          .isEqualTo("The debugger and debugee processes have been killed.");
      assertThat(sidecar.get("/app.js/debug/?kill").body())
          .isEqualTo("The debugger for the application is not running.");
      long afterPid = NodeApps.pid(sidecar.get("/app.js/again"));
      assertThat(Files.readString(Path.of("/proc", Long.toString(afterPid), "cmdline")))
          .doesNotContain("--inspect");
    }
  }

  @Test
  void brkStopsBeforeTheFirstLineUntilTheDebuggerLetsItRun() throws Exception {
    new TestSite(root)
        .handler("", "app.js", "debuggerPortRange=\"6201-6300\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> page = sidecar.get("/app.js/debug/?brk");
      assertThat(page.body()).contains("stopped before its first line");
      Matcher ws = WS.matcher(page.body());
      assertThat(ws.find()).isTrue();

      CompletableFuture<HttpResponse<String>> waiting =
          sidecar
              .client()
              .sendAsync(
                  HttpRequest.newBuilder(sidecar.uri("/app.js/while-paused")).build(),
                  HttpResponse.BodyHandlers.ofString());
      try (Inspector inspector = Inspector.connect(URI.create(ws.group()))) {
        inspector.call("Runtime.runIfWaitingForDebugger", new JsonObject());
        HttpResponse<String> served = waiting.get(20, TimeUnit.SECONDS);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).contains("/app.js/while-paused");
      }
    }
  }

  @Test
  void withDebuggingOffTheDebugUrlBelongsToTheApp() {
    new TestSite(root)
        .handler("", "app.js", "debuggingEnabled=\"false\"")
        .file("app.js", NodeApps.ECHO);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> response = sidecar.get("/app.js/debug/");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"url\":\"/app.js/debug/\"");
    }
  }

  private static int evaluate(URI ws, String expression) throws Exception {
    try (Inspector inspector = Inspector.connect(ws)) {
      JsonObject result =
          inspector.call("Runtime.evaluate", new JsonObject().put("expression", expression));
      return result.getJsonObject("result").getInteger("value");
    }
  }

  /** A minimal Chrome DevTools Protocol client over Java's WebSocket. */
  private static final class Inspector implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private int nextId = 1;

    static Inspector connect(URI ws) throws Exception {
      Inspector inspector = new Inspector();
      inspector.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .buildAsync(ws, inspector)
              .get(10, TimeUnit.SECONDS);
      return inspector;
    }

    JsonObject call(String method, JsonObject params) throws Exception {
      int id = nextId++;
      socket
          .sendText(
              new JsonObject().put("id", id).put("method", method).put("params", params).encode(),
              true)
          .get(5, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        JsonObject message = messages.poll(100, TimeUnit.MILLISECONDS);
        if (message != null && Integer.valueOf(id).equals(message.getInteger("id"))) {
          return message.getJsonObject("result");
        }
      }
      throw new AssertionError("no answer to " + method);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
