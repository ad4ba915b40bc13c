package io.webgarden.sidecar.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.config.SettingsResolver;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Finds, and on first request creates, the application for a script. */
public final class ApplicationManager {
  /** The version apps read in IISNODE_VERSION: iisnode's last release, for compatibility. */
  static final String IISNODE_VERSION = "0.2.26";

  private final Vertx vertx;
  private final SettingsResolver settingsResolver;
  private final SidecarMetrics metrics;
  private final Map<String, String> baseEnvironment;
  private final NetClient probeClient;
  private final Path socketFolder;
  private final AtomicLong socketCounter = new AtomicLong();
  private final Map<String, Application> applications = new ConcurrentHashMap<>();

  public ApplicationManager(Vertx vertx, SettingsResolver settingsResolver,
      SidecarMetrics metrics, Map<String, String> baseEnvironment) {
    this.vertx = vertx;
    this.settingsResolver = settingsResolver;
    this.metrics = metrics;
    this.baseEnvironment = Map.copyOf(baseEnvironment);
    this.probeClient = vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000));
    try {
      this.socketFolder = Files.createTempDirectory("webgarden-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the processes' sockets", e);
    }
  }

  /** Whether processes listen on unix sockets (native transport) or loopback TCP ports. */
  public boolean usesUnixSockets() {
    return vertx.isNativeTransportEnabled();
  }

  /**
   * The running application for {@code definition}, created (not yet started) if new.
   *
   * @throws ConfigException when its configuration is invalid; nothing is cached then, so the
   *     next request reads the fixed files again
   */
  public Application application(AppDefinition definition) throws ConfigException {
    Application existing = applications.get(definition.name());
    if (existing != null) {
      return existing;
    }
    Settings settings = settingsResolver.resolve(definition.iisnodeAttributes(),
        Optional.of(definition.script().getParent()));
    return applications.computeIfAbsent(definition.name(), name -> new Application(vertx,
        vertx.getOrCreateContext(), probeClient, name, definition.script(), settings,
        environment(definition, settings), this::nextAddress, metrics));
  }

  private Map<String, String> environment(AppDefinition definition, Settings settings) {
    Map<String, String> env = new HashMap<>(baseEnvironment);
    definition.appSettings().forEach((key, value) -> {
      if (!key.isEmpty()) {
        env.put(key, value);
      }
    });
    String nodeEnv = settings.string(Setting.NODE_ENV);
    if (!nodeEnv.isEmpty()) {
      env.put("NODE_ENV", nodeEnv);
    }
    env.put("IISNODE_VERSION", IISNODE_VERSION);
    return env;
  }

  private WorkerAddress nextAddress() {
    if (usesUnixSockets()) {
      Path socket = socketFolder.resolve(socketCounter.incrementAndGet() + ".sock");
      return new WorkerAddress(SocketAddress.domainSocketAddress(socket.toString()),
          socket.toString());
    }
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = free.getLocalPort();
      return new WorkerAddress(SocketAddress.inetSocketAddress(port, "127.0.0.1"),
          Integer.toString(port));
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for a node process", e);
    }
  }

  public List<Application> applications() {
    return List.copyOf(applications.values());
  }

  /** Drains every application within its gracefulShutdownTimeout, then stops its processes. */
  public Future<Void> stopAll() {
    return Future.all(applications().stream().map(app -> app.stop(Duration.ofMillis(
            app.settings().integer(Setting.GRACEFUL_SHUTDOWN_TIMEOUT)))).toList())
        .eventually(() -> vertx.executeBlocking(() -> {
          try (var files = Files.list(socketFolder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
              Files.deleteIfExists(file);
            }
          }
          Files.deleteIfExists(socketFolder);
          return null;
        }, false))
        .mapEmpty();
  }
}
