package io.webgarden.sidecar.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sidecar's own requests to a process, outside user traffic: warm-up pages and health pings.
 * Separate connections (not the proxy's pool), so a ping never waits behind user requests on a
 * pooled connection.
 */
final class ProcessRequests {
  private final HttpClient client;

  ProcessRequests(Vertx vertx) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  /** Requests every page in order; fails on the first status of 400 or more. */
  Future<Void> warmUp(NodeProcess process, List<WarmupPage> pages, long timeoutMs) {
    Future<Void> chain = Future.succeededFuture();
    for (WarmupPage page : pages) {
      chain =
          chain.compose(
              v ->
                  get(
                          process,
                          page.path(),
                          page.hostName().isEmpty() ? "localhost" : page.hostName(),
                          timeoutMs)
                      .compose(
                          status ->
                              status < 400
                                  ? Future.<Void>succeededFuture()
                                  : Future.failedFuture(
                                      "initialization page "
                                          + page.path()
                                          + " answered "
                                          + status)));
    }
    return chain;
  }

  /**
   * Pings a process at healthCheckPath. Fails when it does not answer within healthCheckTimeoutMs
   * or answers 500 or more.
   */
  Future<Integer> healthCheck(NodeProcess process) {
    Settings settings = process.revision().settings();
    return get(
            process,
            settings.string(Setting.HEALTH_CHECK_PATH),
            "localhost",
            settings.integer(Setting.HEALTH_CHECK_TIMEOUT_MS))
        .compose(
            status ->
                status < 500
                    ? Future.succeededFuture(status)
                    : Future.failedFuture("the health check answered " + status));
  }

  /** A health ping: succeeds with the status code, fails on timeout or connection errors. */
  Future<Integer> get(NodeProcess process, String path, String host, long timeoutMs) {
    RequestOptions options =
        new RequestOptions()
            .setServer(process.address().socketAddress())
            .setMethod(HttpMethod.GET)
            .setURI(path)
            .putHeader("Host", host)
            .putHeader("User-Agent", "webgarden")
            .setIdleTimeout(timeoutMs);
    return client
        .request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
