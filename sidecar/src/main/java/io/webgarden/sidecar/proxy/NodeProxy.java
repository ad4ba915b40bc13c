package io.webgarden.sidecar.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.webgarden.sidecar.compression.DynamicCompression;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.host.Admission;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the proxy: per application (so its pool limits and header limits are that
 * application's settings) one set of keep-alive node connections and one Vert.x HTTP client for
 * protocol upgrades, and one {@link Exchange} per request.
 */
public final class NodeProxy {
  private static final Logger LOG = LoggerFactory.getLogger(NodeProxy.class);
  private static final int IDLE_CONNECTION_SECONDS = 4;
  private final Vertx vertx;
  private final ErrorResponder errors;
  private final Map<PoolKey, Pools> pools = new ConcurrentHashMap<>();
  private final DynamicCompression compression = DynamicCompression.iisDefaults();

  /** An application's node connections, and the client that tunnels its upgrades. */
  record Pools(NodeChannels channels, HttpClient upgrades) {}

  /**
   * One pool per application and the settings that shape it: a recycle that changes none of them
   * keeps the pool (and its warm connections), so recycles do not pile up clients.
   */
  private record PoolKey(
      Admission application, int poolSize, int maxAgeMillis, int maxHeaderBytes) {
    static PoolKey of(Admission application, Settings settings) {
      return new PoolKey(
          application,
          settings.integer(Setting.MAX_NAMED_PIPE_CONNECTION_POOL_SIZE),
          settings.integer(Setting.MAX_NAMED_PIPE_POOLED_CONNECTION_AGE),
          settings.integer(Setting.MAX_REQUEST_BUFFER_SIZE));
    }
  }

  public NodeProxy(Vertx vertx, ErrorResponder errors) {
    this.vertx = vertx;
    this.errors = errors;
  }

  /**
   * Forwards a paused request to {@code application}, which admits it to one of its processes;
   * {@code copy} sees the response (null: nobody does), {@code limit} bounds a body streamed
   * without a Content-Length, and {@code compress} (urlCompression/@doDynamicCompression) lets the
   * response be compressed.
   */
  public void forward(
      HttpServerRequest request,
      Admission application,
      RequestTrace trace,
      ResponseCopy copy,
      BodyLimit limit,
      boolean compress) {
    Settings settings = application.settings();
    new Exchange(
            request,
            application,
            settings,
            pools.computeIfAbsent(PoolKey.of(application, settings), this::createPools),
            errors,
            trace,
            copy,
            limit,
            compress ? compression : null)
        .start();
  }

  private Pools createPools(PoolKey key) {
    return new Pools(
        new NodeChannels(
            key.poolSize(),
            key.maxAgeMillis(),
            key.maxHeaderBytes(),
            vertx.isNativeTransportEnabled()),
        createClient(key));
  }

  /** For upgrades: keep-alive pool size, connection age and header limits are the app's own. */
  private HttpClient createClient(PoolKey key) {
    Admission application = key.application();
    int maxAge = key.maxAgeMillis();
    // Bodies pass through untouched: no decompression, and Content-Encoding stays the app's.
    HttpClientOptions options =
        new HttpClientOptions()
            .setKeepAlive(maxAge > 0)
            // Below node's own 5 s keep-alive timeout, so the sidecar drops an idle connection
            // before node does, rather than racing node's close with a new request.
            .setKeepAliveTimeout(IDLE_CONNECTION_SECONDS)
            .setMaxHeaderSize(key.maxHeaderBytes())
            .setDecompressionSupported(false);
    PoolOptions pool =
        new PoolOptions()
            .setHttp1MaxSize(key.poolSize())
            .setMaxLifetime(maxAge)
            .setMaxLifetimeUnit(TimeUnit.MILLISECONDS)
            // Admission already bounds concurrency; the pool must never queue on its own.
            .setMaxWaitQueueSize(-1);
    // Exchange reports each failure with its application and request; Vert.x would also log the
    // connection's exception (a response header block over the limit, say) at error, unnamed.
    String name = application.name();
    return vertx
        .httpClientBuilder()
        .with(options)
        .with(pool)
        .withConnectHandler(
            connection ->
                connection.exceptionHandler(
                    e -> LOG.debug("{}: connection to a process failed: {}", name, e.toString())))
        .build();
  }
}
