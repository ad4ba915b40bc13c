package io.webgarden.sidecar.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.host.Application;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the proxy: one keep-alive HTTP client per application (so its pool limits and
 * header limits are that application's settings), and one {@link Exchange} per request.
 */
public final class NodeProxy {
  private static final Logger LOG = LoggerFactory.getLogger(NodeProxy.class);
  private final Vertx vertx;
  private final ErrorResponder errors;
  private final Map<PoolKey, HttpClient> clients = new ConcurrentHashMap<>();

  /**
   * One pool per application and settings: a recycle with changed settings gets a fresh one.
   * Compared by identity: Settings' value hash would be computed on every request.
   */
  private record PoolKey(Application application, Settings settings) {
    @Override
    public boolean equals(Object other) {
      return other instanceof PoolKey key && key.application == application
          && key.settings == settings;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(application) + System.identityHashCode(settings);
    }
  }

  public NodeProxy(Vertx vertx, ErrorResponder errors) {
    this.vertx = vertx;
    this.errors = errors;
  }

  /** Forwards a paused request to {@code application}, which admits it to one of its processes. */
  public void forward(HttpServerRequest request, Application application, RequestTrace trace) {
    Settings settings = application.settings();
    new Exchange(request, application, settings, clients.computeIfAbsent(
        new PoolKey(application, settings), this::createClient), errors, trace).start();
  }

  /** Keep-alive pool size, connection age and header limits are the application's own. */
  private HttpClient createClient(PoolKey key) {
    Settings settings = key.settings();
    Application application = key.application();
    int maxAge = settings.integer(Setting.MAX_NAMED_PIPE_POOLED_CONNECTION_AGE);
    // Bodies pass through untouched: no decompression, and Content-Encoding stays the app's.
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(maxAge > 0)
        .setMaxHeaderSize(settings.integer(Setting.MAX_REQUEST_BUFFER_SIZE))
        .setDecompressionSupported(false);
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(settings.integer(Setting.MAX_NAMED_PIPE_CONNECTION_POOL_SIZE))
        .setMaxLifetime(maxAge)
        .setMaxLifetimeUnit(TimeUnit.MILLISECONDS)
        // Admission already bounds concurrency; the pool must never queue on its own.
        .setMaxWaitQueueSize(-1);
    // Exchange reports each failure with its application and request; Vert.x would also log the
    // connection's exception (a response header block over the limit, say) at error, unnamed.
    String name = application.name();
    return vertx.httpClientBuilder().with(options).with(pool)
        .withConnectHandler(connection -> connection.exceptionHandler(e -> LOG.debug(
            "{}: connection to a process failed: {}", name, e.toString())))
        .build();
  }
}
