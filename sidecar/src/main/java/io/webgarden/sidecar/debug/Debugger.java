package io.webgarden.sidecar.debug;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.net.SocketAddress;
import io.webgarden.sidecar.config.PortRange;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.host.ConnectProbe;
import io.webgarden.sidecar.host.ProcessMode;
import io.webgarden.sidecar.lifecycle.Lifecycle;
import io.webgarden.sidecar.proxy.UpgradeTunnel;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /<script>/<debuggerPathSegment>…}: starts and ends debugging sessions and proxies
 * the inspector. One instance serves every application.
 */
public final class Debugger {
  private static final Logger LOG = LoggerFactory.getLogger(Debugger.class);
  private static final long POLL_MS = 50;

  private final Vertx vertx;
  private final Lifecycle lifecycle;
  private final ErrorResponder errors;
  private final HttpClient inspectorClient;
  private final ConnectProbe inspectorProbe;

  public Debugger(Vertx vertx, Lifecycle lifecycle, ErrorResponder errors) {
    this.vertx = vertx;
    this.lifecycle = lifecycle;
    this.errors = errors;
    // Keep-alive on: with it off Vert.x sends "Connection: close", which spoils an upgrade.
    this.inspectorClient = vertx.createHttpClient(new HttpClientOptions());
    this.inspectorProbe = new ConnectProbe(vertx, vertx.createNetClient());
  }

  /**
   * Whether {@code pathInfo} (what follows the script in the URL) is the debugger's, for an
   * application with debugging enabled; if not, the request belongs to the application.
   */
  public static boolean handles(Settings settings, String pathInfo) {
    if (!settings.bool(Setting.DEBUGGING_ENABLED)) {
      return false;
    }
    String segment = "/" + settings.string(Setting.DEBUGGER_PATH_SEGMENT);
    return pathInfo.equals(segment) || pathInfo.startsWith(segment + "/");
  }

  /** Answers a request that {@link #handles} accepted; the request is paused. */
  public void handle(HttpServerRequest request, Application application, String pathInfo) {
    Settings settings = application.settings();
    String rest = pathInfo.substring(settings.string(Setting.DEBUGGER_PATH_SEGMENT).length() + 1);
    String path = request.path();
    String base = path.substring(0, path.length() - rest.length()) + "/";
    Optional<String> linkQuery =
        DebuggerAccess.linkQuery(request, settings.string(Setting.DEBUGGER_ACCESS_TOKEN));
    if (linkQuery.isEmpty()) {
      request.resume();
      denied(request, application);
      return;
    }
    if (!rest.startsWith("/ws/")) {
      request.resume();
    }
    if (rest.isEmpty()) {
      String query = request.query();
      request
          .response()
          .setStatusCode(301)
          .putHeader("Location", request.path() + "/" + (query == null ? "" : "?" + query))
          .end();
    } else if (rest.equals("/")) {
      command(request, application, base, linkQuery.get());
    } else if (rest.startsWith("/json")) {
      inspectorJson(request, application, rest, base, linkQuery.get());
    } else if (rest.startsWith("/ws/")) {
      inspectorSocket(request, application, rest.substring(3));
    } else {
      errors.send(
          request,
          SidecarError.of(
              404,
              "not-found",
              "The debugger serves ?debug, ?brk," + " ?kill, json/list and ws/ here."),
          false);
    }
  }

  /** Refuses a client that is neither on loopback nor carries debuggerAccessToken. */
  private void denied(HttpServerRequest request, Application application) {
    String peer = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
    LOG.warn(
        "{}: debugger refused to {} ({}): debugging needs a loopback client (kubectl"
            + " port-forward) or debuggerAccessToken",
        application.name(),
        peer,
        DebuggerAccess.presented(request) ? "wrong token" : "no token");
    errors.send(
        request,
        SidecarError.of(
            403,
            "debugger-access-denied",
            "The debugger answers"
                + " only clients on loopback (e.g. through kubectl port-forward) or requests carrying"
                + " debuggerAccessToken as `Authorization: Bearer <token>` or `?token=<token>`."),
        false);
  }

  private void command(
      HttpServerRequest request, Application application, String base, String linkQuery) {
    var command = DebugCommand.of(DebuggerAccess.command(request.query()));
    if (command.isEmpty()) {
      text(request, DebugCommand.UNRECOGNIZED);
    } else if (command.get() == DebugCommand.KILL) {
      kill(request, application);
    } else {
      start(request, application, command.get() == DebugCommand.BREAK, base, linkQuery);
    }
  }

  private void kill(HttpServerRequest request, Application application) {
    if (!application.latestRevision().mode().debug()) {
      text(request, "The debugger for the application is not running.");
      return;
    }
    long timeout = application.settings().integer(Setting.PROCESS_START_TIMEOUT_MS);
    recycle(application, ProcessMode.NORMAL, "debugging session ended")
        .compose(v -> awaitServing(application, timeout))
        .onSuccess(v -> text(request, "The debugger and debugee processes have been killed."))
        .onFailure(e -> failed(request, e));
  }

  /**
   * Waits, at most {@code timeoutMs}, until the recycle just begun has switched over (or failed): a
   * recycle overlaps, so the old processes serve until the new one is ready, and the answer should
   * describe what serves now.
   */
  private static Future<Void> awaitServing(Application application, long timeoutMs) {
    return application
        .settledRevision()
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void start(
      HttpServerRequest request,
      Application application,
      boolean brk,
      String base,
      String linkQuery) {
    ProcessMode current = application.latestRevision().mode();
    boolean running =
        current.debug()
            && current.nodeArguments().get(0).startsWith(brk ? "--inspect-brk" : "--inspect=");
    Future<Integer> port =
        running ? Future.succeededFuture(current.inspectorPort()) : startSession(application, brk);
    long timeout = application.settings().integer(Setting.PROCESS_START_TIMEOUT_MS);
    // Under --inspect-brk the process listens only once a debugger lets it run: don't wait.
    port.compose(
            inspector ->
                awaitInspector(inspector, timeout)
                    .compose(
                        v ->
                            brk
                                ? Future.<Void>succeededFuture()
                                : awaitServing(application, timeout))
                    .compose(v -> targets(inspector, host(request), base, linkQuery)))
        .onSuccess(
            targets ->
                request
                    .response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(
                        DebugPage.render(
                            application.name(),
                            debugPid(application),
                            brk,
                            DebugPage.firstTarget(targets),
                            base,
                            linkQuery)))
        .onFailure(e -> failed(request, e));
  }

  private Future<Integer> startSession(Application application, boolean brk) {
    PortRange range = PortRange.parse(application.settings().string(Setting.DEBUGGER_PORT_RANGE));
    return vertx
        .executeBlocking(() -> InspectorPorts.free(range), false)
        .compose(
            free -> {
              OptionalInt port = free;
              if (port.isEmpty()) {
                return Future.failedFuture(
                    "no free port in debuggerPortRange " + range.low() + "-" + range.high());
              }
              String flag =
                  (brk ? "--inspect-brk=" : "--inspect=") + "127.0.0.1:" + port.getAsInt();
              return recycle(
                      application,
                      new ProcessMode(List.of(flag), port.getAsInt()),
                      "debugging session" + (brk ? " (break on first line)" : ""))
                  .map(
                      v -> {
                        application.preload();
                        return port.getAsInt();
                      });
            });
  }

  private Future<Void> recycle(Application application, ProcessMode mode, String reason) {
    return lifecycle.recycle(application, mode, reason).mapEmpty();
  }

  /** Polls the inspector's port until it accepts connections, within the start timeout. */
  private Future<Void> awaitInspector(int port, long timeoutMs) {
    return inspectorProbe
        .await(
            SocketAddress.inetSocketAddress(port, "127.0.0.1"),
            System.currentTimeMillis() + timeoutMs,
            POLL_MS,
            POLL_MS,
            () -> true)
        .recover(
            e ->
                Future.failedFuture(
                    "the inspector did not listen on 127.0.0.1:" + port + " in time"));
  }

  /** The inspector's targets with their URLs rewritten to go through the sidecar. */
  private Future<JsonArray> targets(int port, String host, String base, String linkQuery) {
    return inspectorGet(port, "/json/list")
        .map(body -> new JsonArray(InspectorUrls.rewrite(body, port, host, base, linkQuery)));
  }

  private void inspectorJson(
      HttpServerRequest request,
      Application application,
      String path,
      String base,
      String linkQuery) {
    ProcessMode mode = application.latestRevision().mode();
    if (!mode.debug()) {
      text(request, "The debugger for the application is not running.");
      return;
    }
    inspectorGet(mode.inspectorPort(), path)
        .onSuccess(
            body ->
                request
                    .response()
                    .putHeader("Content-Type", "application/json; charset=UTF-8")
                    .end(
                        InspectorUrls.rewrite(
                            body, mode.inspectorPort(), host(request), base, linkQuery)))
        .onFailure(e -> failed(request, e));
  }

  private Future<String> inspectorGet(int port, String path) {
    // The inspector refuses Host headers other than loopback (DNS rebinding protection).
    RequestOptions options =
        new RequestOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setMethod(HttpMethod.GET)
            .setURI(path)
            .putHeader("Host", "127.0.0.1:" + port);
    return inspectorClient
        .request(options)
        .compose(request -> request.send())
        .compose(response -> response.body())
        .map(body -> body.toString());
  }

  private void inspectorSocket(HttpServerRequest request, Application application, String target) {
    ProcessMode mode = application.latestRevision().mode();
    if (!mode.debug()) {
      errors.send(
          request,
          SidecarError.of(
              404, "debugger-not-running", "The debugger for the application is not running."),
          false);
      return;
    }
    RequestOptions options =
        new RequestOptions()
            .setServer(SocketAddress.inetSocketAddress(mode.inspectorPort(), "127.0.0.1"))
            .setURI(target)
            .putHeader("Host", "127.0.0.1:" + mode.inspectorPort());
    for (String header :
        List.of(
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-extensions",
            "sec-websocket-protocol")) {
      if (request.getHeader(header) != null) {
        options.putHeader(header, request.getHeader(header));
      }
    }
    new UpgradeTunnel(
            request, inspectorClient, options, () -> {}, failure -> failed(request, failure))
        .start();
  }

  private static long debugPid(Application application) {
    return application.processes().stream()
        .filter(p -> p.revision().mode().debug())
        .mapToLong(p -> p.pid())
        .max()
        .orElse(-1);
  }

  private static String host(HttpServerRequest request) {
    String host = request.getHeader("host");
    return host == null ? "localhost" : host;
  }

  private static void text(HttpServerRequest request, String message) {
    request.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
  }

  private void failed(HttpServerRequest request, Throwable failure) {
    LOG.warn("{}: debugging failed: {}", request.path(), failure.getMessage());
    errors.send(
        request,
        SidecarError.of(
            500, "debugger-failed", "The debugger could not start: " + failure.getMessage()),
        true);
  }
}
