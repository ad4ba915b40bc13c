package io.webgarden.sidecar.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Records what the sidecar does; {@link #scrape()} renders it for {@code /metrics}. */
public final class SidecarMetrics {
  /** The label for requests that reached no node application. */
  public static final String NO_APP = "-";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, RequestMeters> requestMeters = new ConcurrentHashMap<>();

  public String scrape() {
    return registry.scrape();
  }

  /** Called for every request: its meters are looked up once per application, then cached. */
  public void requestCompleted(String app, int status, Duration duration) {
    RequestMeters meters = requestMeters.computeIfAbsent(app, this::requestMeters);
    int statusClass = status / 100;
    meters.byStatusClass[statusClass >= 1 && statusClass <= 5 ? statusClass : 0].increment();
    meters.duration.record(duration);
  }

  /** An application's request counters (index = status class; 0 for anything odd) and timer. */
  private record RequestMeters(Counter[] byStatusClass, Timer duration) {}

  private RequestMeters requestMeters(String app) {
    Counter[] counters = new Counter[6];
    for (int statusClass = 0; statusClass <= 5; statusClass++) {
      counters[statusClass] =
          Counter.builder("webgarden.requests")
              .description("Requests answered, by application and status class")
              .tag("app", app)
              .tag("status", statusClass == 0 ? "other" : statusClass + "xx")
              .register(registry);
    }
    Timer duration =
        Timer.builder("webgarden.request.duration")
            .description("Time from request received to response ended")
            .tag("app", app)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
    return new RequestMeters(counters, duration);
  }

  public void rejected(String app, String reason) {
    Counter.builder("webgarden.rejections")
        .description("Requests the sidecar refused (queue full, queue timeout, shutting down)")
        .tag("app", app)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void processStarted(String app) {
    processEvent("webgarden.process.starts", "Node processes started", app);
  }

  public void processExited(String app) {
    processEvent("webgarden.process.exits", "Node processes that exited, for any reason", app);
  }

  public void processCrashed(String app) {
    processEvent(
        "webgarden.process.crashes",
        "Node processes that exited on their own or failed to start",
        app);
  }

  public void recycled(String app) {
    processEvent("webgarden.recycles", "Recycles completed (a new revision took over)", app);
  }

  public void recycleFailed(String app) {
    processEvent(
        "webgarden.recycle.failures",
        "Recycles abandoned because the new revision failed to start",
        app);
  }

  public void warmupFailed(String app) {
    processEvent(
        "webgarden.warmup.failures",
        "Processes whose initialization pages failed or timed out",
        app);
  }

  public void outOfService(String app, Supplier<Number> outOfService) {
    Gauge.builder("webgarden.application.out.of.service", outOfService)
        .description("1 while rapid-fail protection keeps the application out of service")
        .tag("app", app)
        .register(registry);
  }

  /** A node process moved from one phase to another (docs/lifecycle.md draws them). */
  public void processTransition(String from, String to) {
    transition("webgarden.process.transitions", "Node process phase changes", from, to);
  }

  /** An application moved from one state to another (docs/lifecycle.md draws them). */
  public void applicationTransition(String from, String to) {
    transition("webgarden.application.transitions", "Application state changes", from, to);
  }

  private void transition(String name, String description, String from, String to) {
    Counter.builder(name)
        .description(description)
        .tag("from", from.toLowerCase(Locale.ROOT))
        .tag("to", to.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  private void processEvent(String name, String description, String app) {
    Counter.builder(name).description(description).tag("app", app).register(registry).increment();
  }

  public void queueDepth(String app, Supplier<Number> depth) {
    Gauge.builder("webgarden.queue.depth", depth)
        .description("Requests waiting for a process")
        .tag("app", app)
        .register(registry);
  }

  /** Registers a process's active-request gauge; call the returned handle when it is gone. */
  public Runnable activeRequests(String app, long pid, Supplier<Number> active) {
    Gauge gauge =
        Gauge.builder("webgarden.process.active.requests", active)
            .description("Requests a process is handling now")
            .tag("app", app)
            .tag("pid", Long.toString(pid))
            .register(registry);
    return () -> registry.remove(gauge);
  }
}
