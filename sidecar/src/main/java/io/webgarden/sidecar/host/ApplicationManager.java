package io.webgarden.sidecar.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import io.webgarden.sidecar.apps.AppDefinition;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.apps.Revisions;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, and on first request creates, the application for a script, with the revisions {@link
 * Revisions} builds from definitions.
 */
public final class ApplicationManager {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationManager.class);

  private final Vertx vertx;
  private final Revisions revisions;
  private final SidecarMetrics metrics;
  private final ConnectProbe probe;
  private final Clock clock;
  private final ProcessRequests processRequests;
  private final Path socketFolder;
  private final ChildLifetime lifetime;
  private final AtomicLong socketCounter = new AtomicLong();
  private final Map<String, Application> applications = new ConcurrentHashMap<>();
  private final List<Consumer<Application>> creationListeners = new CopyOnWriteArrayList<>();

  /** Applications that could not be created, by name: listed by GET /apps with their error. */
  private final Map<String, ConfigException> broken = new ConcurrentSkipListMap<>();

  public ApplicationManager(Vertx vertx, Revisions revisions, SidecarMetrics metrics) {
    this(vertx, revisions, metrics, Clock.systemUTC());
  }

  /**
   * @param clock what the applications measure idle time, uptime and crash windows by
   */
  public ApplicationManager(Vertx vertx, Revisions revisions, SidecarMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.revisions = revisions;
    this.metrics = metrics;
    this.probe =
        new ConnectProbe(
            vertx, vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000)));
    this.processRequests = new ProcessRequests(vertx, metrics);
    try {
      this.socketFolder = Files.createTempDirectory("webgarden-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the processes' sockets", e);
    }
    this.lifetime = ChildLifetime.open(vertx, socketFolder);
  }

  /** Whether processes listen on unix sockets (native transport) or loopback TCP ports. */
  public boolean usesUnixSockets() {
    return vertx.isNativeTransportEnabled();
  }

  /**
   * The running application for {@code definition}, created (not yet started) if new.
   *
   * @throws ConfigException when its configuration is invalid; nothing is cached then, so the next
   *     request reads the fixed files again
   */
  public Application application(AppDefinition definition) throws ConfigException {
    Application existing = applications.get(definition.name());
    if (existing != null) {
      return existing;
    }
    AppRevision first;
    try {
      first = revisions.revision(definition, 1, ProcessMode.NORMAL);
    } catch (ConfigException e) {
      failed(definition.name(), e);
      throw e;
    }
    broken.remove(definition.name());
    boolean[] created = new boolean[1];
    Application application =
        applications.computeIfAbsent(
            definition.name(),
            name -> {
              created[0] = true;
              return new Application(
                  vertx,
                  name,
                  definition.script(),
                  first,
                  this::createProcess,
                  processRequests,
                  metrics,
                  clock);
            });
    if (created[0]) {
      creationListeners.forEach(listener -> listener.accept(application));
    }
    return application;
  }

  /** {@code listener} learns of every application created from now on. */
  public void onCreated(Consumer<Application> listener) {
    creationListeners.add(listener);
  }

  /**
   * Records that the application {@code name} could not be created because of {@code error}, so
   * that GET /apps lists it and a recycle of it answers with the error; it is forgotten once the
   * application is created.
   */
  public void failed(String name, ConfigException error) {
    broken.put(name, error);
  }

  /** The applications that could not be created, by name, with why. */
  public Map<String, ConfigException> brokenApplications() {
    return Map.copyOf(broken);
  }

  public Optional<Application> find(String name) {
    return Optional.ofNullable(applications.get(name));
  }

  public List<Application> applications() {
    return List.copyOf(applications.values());
  }

  /**
   * Recycles an application into a revision built from {@code fresh} (the site's files as they are
   * now). A configuration error leaves the running revision serving.
   *
   * @return the pids of the processes being replaced
   */
  public List<Long> recycle(
      Application application, AppDefinition fresh, ProcessMode mode, String reason)
      throws ConfigException {
    AppRevision next;
    try {
      next = revisions.revision(fresh, application.latestRevision().number() + 1, mode);
    } catch (ConfigException e) {
      LOG.error("{}: not recycled ({}): {}", application.name(), reason, e.getMessage());
      metrics.recycleFailed(application.name());
      throw e;
    }
    return application.recycle(next, reason);
  }

  private NodeProcess createProcess(Application owner, AppRevision revision, NodeProcess replaces) {
    NodeProcess.Setup setup = NodeProcess.Setup.NONE;
    if (revision.settings().bool(Setting.RECYCLE_SIGNAL_ENABLED) && usesUnixSockets()) {
      Path path = socketFolder.resolve(socketCounter.incrementAndGet() + ".ctl");
      setup = process -> controlPipe(owner, process, path);
    }
    NodeProcess created =
        new NodeProcess(
            vertx,
            vertx.getOrCreateContext(),
            probe,
            owner.name(),
            owner.script(),
            revision,
            nextAddress(),
            setup,
            lifetime,
            replaces,
            owner,
            metrics,
            clock);
    created.start();
    return created;
  }

  /**
   * Opens the process's control pipe before it is spawned; the pipe closes when the process exits.
   * A pipe that cannot listen is left out of the environment, and the process runs without one.
   */
  private Future<Map<String, String>> controlPipe(
      Application owner, NodeProcess process, Path path) {
    return ControlPipe.open(
            vertx, path, () -> owner.recycleProcess(process.pid(), "the process asked to"))
        .map(
            pipe -> {
              process.onExited(pipe::close);
              return Map.of("IISNODE_CONTROL_PIPE", pipe.path().toString());
            })
        .otherwise(
            failure -> {
              LOG.warn(
                  "{}: cannot open the control pipe {} ({}); the process starts without"
                      + " IISNODE_CONTROL_PIPE",
                  owner.name(),
                  path,
                  failure.getMessage());
              return Map.of();
            });
  }

  private WorkerAddress nextAddress() {
    if (usesUnixSockets()) {
      Path socket = socketFolder.resolve(socketCounter.incrementAndGet() + ".sock");
      return new WorkerAddress(
          SocketAddress.domainSocketAddress(socket.toString()), socket.toString());
    }
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = free.getLocalPort();
      return new WorkerAddress(
          SocketAddress.inetSocketAddress(port, "127.0.0.1"), Integer.toString(port));
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for a node process", e);
    }
  }

  /** Drains every application within its gracefulShutdownTimeout, then stops its processes. */
  public Future<Void> stopAll() {
    return Future.all(
            applications().stream()
                .map(
                    app ->
                        app.stop(
                            Duration.ofMillis(
                                app.settings().integer(Setting.GRACEFUL_SHUTDOWN_TIMEOUT))))
                .toList())
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      lifetime.close();
                      try (var files = Files.list(socketFolder)) {
                        for (Path file : (Iterable<Path>) files::iterator) {
                          Files.deleteIfExists(file);
                        }
                      }
                      Files.deleteIfExists(socketFolder);
                      return null;
                    },
                    false))
        .mapEmpty();
  }
}
