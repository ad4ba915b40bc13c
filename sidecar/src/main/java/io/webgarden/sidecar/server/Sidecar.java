package io.webgarden.sidecar.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.webgarden.sidecar.admin.AdminServer;
import io.webgarden.sidecar.admin.Readiness;
import io.webgarden.sidecar.apps.AppCatalog;
import io.webgarden.sidecar.apps.AppDefinitions;
import io.webgarden.sidecar.apps.Revisions;
import io.webgarden.sidecar.compression.CompressedFiles;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.RawSetting;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.config.SettingsResolver;
import io.webgarden.sidecar.debug.Debugger;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.host.ApplicationManager;
import io.webgarden.sidecar.httperrors.HttpErrorPages;
import io.webgarden.sidecar.lifecycle.FileWatcher;
import io.webgarden.sidecar.lifecycle.Lifecycle;
import io.webgarden.sidecar.lifecycle.ProcessPolicies;
import io.webgarden.sidecar.logs.ApplicationLogs;
import io.webgarden.sidecar.logs.ConsoleMirror;
import io.webgarden.sidecar.logs.LogFormat;
import io.webgarden.sidecar.logs.LogServer;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import io.webgarden.sidecar.outputcache.OutputCache;
import io.webgarden.sidecar.proxy.NodeProxy;
import io.webgarden.sidecar.site.SiteResolver;
import io.webgarden.sidecar.statics.DirectoryListing;
import io.webgarden.sidecar.statics.StaticFileResponder;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running sidecar: the composition root, with a graceful {@link #shutdown()}. */
public final class Sidecar {
  private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);

  /** Largest header block the server accepts at all; each application enforces its own limit. */
  private static final int SERVER_MAX_HEADER_SIZE = 1024 * 1024;

  /** Longest request line the server accepts at all (http.sys's own limit is 16 KiB a field). */
  private static final int SERVER_MAX_INITIAL_LINE = 64 * 1024;

  private final SidecarOptions options;
  private final Vertx vertx;
  private final ApplicationManager applications;
  private final Lifecycle lifecycle;

  /** Compressed copies of static files, removed at shutdown; null when compression is off. */
  private final CompressedFiles compressed;

  private final ProcessPolicies policies;
  private final AtomicBoolean serving = new AtomicBoolean();
  private final List<HttpVerticle> listeners = new ArrayList<>();
  private final AdminServer admin;
  private final ConsoleMirror console;
  private final int applicationCount;
  private int port;
  private int adminPort;

  private Sidecar(SidecarOptions options, Map<String, String> environment) throws ConfigException {
    this.options = options;
    SettingsResolver settingsResolver =
        SettingsResolver.create(options.settingsFile(), environment);
    for (RawSetting unknown : settingsResolver.unknownOverrideKeys()) {
      LOG.warn(SettingsResolver.unknownKey(unknown));
    }
    int eventLoops = Runtime.getRuntime().availableProcessors();
    this.vertx =
        Vertx.vertx(
            new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(eventLoops));
    SidecarMetrics metrics = new SidecarMetrics();
    Settings siteDefaults = settingsResolver.resolve(List.of(), Optional.empty());
    Clock clock = Clock.systemDefaultZone();
    // System.out, which the sidecar's own log lines also use: one stream, so one writer to the
    // process's stdout (see ConsoleMirror#stdout).
    this.console =
        new ConsoleMirror(System.out, LogFormat.of(siteDefaults.string(Setting.LOG_FORMAT)), clock);
    LogServer logs = new LogServer(vertx, clock);
    this.applications =
        new ApplicationManager(
            vertx,
            new Revisions(
                settingsResolver,
                new ApplicationLogs(console, logs, clock, hostName(environment)),
                environment),
            metrics);
    SiteResolver site = new SiteResolver(options.siteDir());
    AppDefinitions definitions = new AppDefinitions(site);
    FileWatcher watcher = new FileWatcher(vertx);
    // Entries live as long as an application's poll interval: NFS and SMB do not notify.
    site.cacheResolutions(
        (folder, watching) -> watcher.watchFolder(folder, site::changed, watching),
        Duration.ofMillis(siteDefaults.integer(Setting.UNC_FILE_CHANGES_POLLING_INTERVAL)));
    this.lifecycle =
        new Lifecycle(vertx, applications, options.siteDir(), definitions::reload, watcher);
    applications.onCreated(lifecycle::track);
    this.policies = new ProcessPolicies(vertx, applications, clock);
    ErrorResponder errors = new ErrorResponder();
    this.compressed = CompressedFiles.inTemporaryFolder(vertx);
    RequestRouter router =
        new RequestRouter(
            site,
            new AppCatalog(vertx, applications::find, applications::application),
            new NodeProxy(vertx, errors),
            new StaticFileResponder(vertx, clock, compressed),
            new DirectoryListing(vertx),
            errors,
            new HttpErrorPages(options.siteDir(), errors),
            OutputCache.sizedToHeap(),
            metrics,
            serving::get,
            logs,
            new Debugger(vertx, lifecycle, errors),
            console,
            siteDefaults);
    this.admin =
        options.adminPort() == 0
            ? null
            : new AdminServer(
                vertx,
                metrics,
                this::readiness,
                applications,
                lifecycle,
                logs,
                () -> site.configs().brokenFiles().stream().map(Throwable::getMessage).toList());
    this.applicationCount = createApplications(site, definitions);
    policies.start();
    try {
      startServers(router, eventLoops, siteDefaults);
    } catch (RuntimeException e) {
      // E.g. the port is taken: preloaded processes and the socket folder must not outlive us.
      policies.stop();
      lifecycle.close();
      applications
          .stopAll()
          .eventually(vertx::close)
          .toCompletionStage()
          .toCompletableFuture()
          .exceptionally(ignored -> null)
          .join();
      closeCompressed();
      throw e;
    }
  }

  /** The name in log file names: the pod's name in Kubernetes, else this machine's. */
  private static String hostName(Map<String, String> environment) {
    String name = environment.getOrDefault("HOSTNAME", "");
    if (name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "localhost";
      }
    }
    return name.replaceAll("[^A-Za-z0-9.-]", "_");
  }

  /**
   * Creates every application the site declares, so that each is watched, listed and counted in
   * readiness from the start, and starts those with preloadEnabled. Processes of the others start
   * on their first request.
   */
  private int createApplications(SiteResolver site, AppDefinitions definitions) {
    List<Path> scripts;
    try {
      scripts = site.applications();
    } catch (IOException e) {
      LOG.warn("could not scan {} for applications: {}", options.siteDir(), e.toString());
      return 0;
    }
    for (Path script : scripts) {
      String name = "/" + options.siteDir().relativize(script).toString().replace('\\', '/');
      try {
        Application application = applications.application(definitions.reload(name, script));
        if (application.settings().bool(Setting.PRELOAD_ENABLED)) {
          application.preload();
        }
      } catch (ConfigException e) {
        applications.failed(name, e);
        LOG.error("{}: invalid configuration, requests will show it: {}", name, e.getMessage());
      }
    }
    return scripts.size();
  }

  private Readiness readiness() {
    return serving.get() ? Readiness.of(applications.applications()) : Readiness.shuttingDown();
  }

  /**
   * Starts a sidecar and waits until it listens.
   *
   * @throws ConfigException when the --settings file or an IISNODE_ variable is invalid
   */
  public static Sidecar start(SidecarOptions options, Map<String, String> environment)
      throws ConfigException {
    return new Sidecar(options, environment);
  }

  private void startServers(RequestRouter router, int eventLoops, Settings siteDefaults) {
    Duration drain = Duration.ofMillis(siteDefaults.integer(Setting.GRACEFUL_SHUTDOWN_TIMEOUT));
    HttpServerOptions serverOptions =
        new HttpServerOptions()
            .setHost(options.host())
            // Vert.x gives instances that ask for the same negative port one shared random port.
            .setPort(options.port() == 0 ? -1 : options.port())
            .setMaxHeaderSize(SERVER_MAX_HEADER_SIZE)
            // Room for IIS's maxUrl and maxQueryString defaults (4096 + 2048) and raised ones, so
            // request filtering, not the parser, answers a long URL (414, or 404.15 for the query).
            .setMaxInitialLineLength(SERVER_MAX_INITIAL_LINE)
            // HTTP/1.1 like IIS; clients' h2c upgrade offers are ignored, not accepted.
            .setHttp2ClearTextEnabled(false)
            // Clients that send Expect: 100-continue (curl does for large uploads) get it at once.
            .setHandle100ContinueAutomatically(true)
            .setCompressionSupported(false)
            // The sidecar never ends a WebSocket itself (UpgradeTunnel passes the bytes through),
            // so Vert.x's extension handler, which looks at every request, has nothing to do.
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false);
    // One listener per event loop; Vert.x shares the port between them.
    Listening.await(
        vertx.deployVerticle(
            () -> {
              HttpVerticle listener = new HttpVerticle(serverOptions, router, drain);
              synchronized (listeners) {
                listeners.add(listener);
              }
              return listener;
            },
            new DeploymentOptions().setInstances(eventLoops)),
        options.host(),
        options.port(),
        "--port",
        "application traffic");
    port = listeners.get(0).actualPort();
    if (listeners.stream().anyMatch(listener -> listener.actualPort() != port)) {
      throw new IllegalStateException("listeners bound different ports");
    }
    if (admin != null) {
      adminPort =
          Listening.await(
              admin.listen(options.adminHost(), options.adminPort()),
              options.adminHost(),
              options.adminPort(),
              "--admin-port",
              "the admin endpoints; the port is 9090 unless --admin-port names another, 0 turns"
                  + " them off");
    }
    serving.set(true);
  }

  public int port() {
    return port;
  }

  /** The admin port, or 0 when disabled. */
  public int adminPort() {
    return adminPort;
  }

  /** The one line printed at start: where to go and what was found. */
  public String startupLine() {
    int count = applicationCount;
    return "webgarden serving "
        + options.siteDir()
        + " at http://"
        + options.host()
        + ":"
        + port
        + "/ ("
        + count
        + (count == 1 ? " application" : " applications")
        + " found; admin "
        + (admin == null ? "disabled" : "on " + options.adminHost() + ":" + adminPort)
        + "; processes listen on "
        + (applications.usesUnixSockets() ? "unix sockets (epoll)" : "loopback TCP ports")
        + ")";
  }

  /**
   * Stops gracefully: readiness turns false, the listeners stop accepting, in-flight requests and
   * WebSockets finish within gracefulShutdownTimeout, and only then do the processes get SIGTERM
   * (then SIGKILL); Vert.x closes last. Nothing in flight fails, and nothing is retried onto a
   * process being stopped, because no process is stopped while a request is in flight.
   */
  public void shutdown() {
    LOG.info("shutting down: finishing in-flight requests");
    serving.set(false);
    policies.stop();
    lifecycle.close();
    List<HttpVerticle> draining;
    synchronized (listeners) {
      draining = List.copyOf(listeners);
    }
    Future<Void> stopped =
        Future.all(draining.stream().map(HttpVerticle::drain).toList())
            .transform(v -> applications.stopAll())
            .transform(v -> admin == null ? Future.succeededFuture() : admin.close())
            .transform(v -> vertx.close());
    try {
      stopped.toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      LOG.warn("shutdown did not complete cleanly: {}", e.toString());
    }
    closeCompressed();
    console.flush();
    LOG.info("stopped");
  }

  private void closeCompressed() {
    if (compressed != null) {
      compressed.close();
    }
  }
}
