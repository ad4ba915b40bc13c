package io.webgarden.sidecar.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's own requests to a process, outside user traffic: warm-up pages and health pings.
 * Separate connections (not the proxy's pool), so a ping never waits behind user requests on a
 * pooled connection.
 */
final class ProcessRequests {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessRequests.class);

  private final HttpClient client;
  private final SidecarMetrics metrics;

  ProcessRequests(Vertx vertx, SidecarMetrics metrics) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    this.metrics = metrics;
  }

  /**
   * Requests the process's warm-up pages (its revision's initialization pages) within
   * processStartTimeoutMs. Never fails: a failed warm-up is logged and counted, and the process
   * takes traffic anyway.
   */
  Future<Void> warmUp(String app, NodeProcess process) {
    List<WarmupPage> pages = process.revision().warmupPages();
    if (pages.isEmpty()) {
      return Future.succeededFuture();
    }
    long timeout = process.revision().settings().integer(Setting.PROCESS_START_TIMEOUT_MS);
    return warmUp(process, pages, timeout)
        .recover(
            failure -> {
              LOG.warn(
                  "{}: warm-up of process {} failed ({}); it takes traffic anyway",
                  app,
                  process.pid(),
                  failure.getMessage());
              metrics.warmupFailed(app);
              return Future.succeededFuture();
            });
  }

  /** Requests every page in order; fails on the first status of 400 or more. */
  private Future<Void> warmUp(NodeProcess process, List<WarmupPage> pages, long timeoutMs) {
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
