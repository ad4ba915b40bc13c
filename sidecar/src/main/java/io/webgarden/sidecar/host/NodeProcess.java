package io.webgarden.sidecar.host;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node process of an application: spawns it, waits until it listens, tracks its requests and
 * stops it gracefully. State changes are reported to the owning {@link Application}.
 */
public final class NodeProcess {
  private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);
  private static final Duration KILL_AFTER_TERM = Duration.ofSeconds(5);
  private static final long FIRST_PROBE_DELAY_MS = 10;

  /** How a process is started and reached. */
  public record Spec(List<String> command, Path script, Map<String, String> environment,
      WorkerAddress address, int connectRetries, int connectRetryDelayMs, int startTimeoutMs) {}

  /** Callbacks to the owner; called on the owner's context. */
  interface Listener {
    void onReady(NodeProcess process);

    void onStartFailed(NodeProcess process, HostFailure failure);

    void onExit(NodeProcess process, ProcessState stateBefore, int exitCode);
  }

  private final Vertx vertx;
  private final Context context;
  private final NetClient probeClient;
  private final Spec spec;
  private final String appName;
  private final Listener listener;
  private final long startedAtMillis = System.currentTimeMillis();

  // Guarded by the owning Application's lock.
  private volatile ProcessState state = ProcessState.STARTING;
  private int activeRequests;
  private long servedRequests;

  private volatile Process process;
  private volatile ProcessOutput output;

  NodeProcess(Vertx vertx, Context context, NetClient probeClient, String appName, Spec spec,
      Listener listener) {
    this.vertx = vertx;
    this.context = context;
    this.probeClient = probeClient;
    this.appName = appName;
    this.spec = spec;
    this.listener = listener;
  }

  /** Spawns the process off the event loop, then probes its socket until it listens. */
  void start() {
    vertx.executeBlocking(this::spawn, false).onComplete(spawned -> {
      if (spawned.failed()) {
        fail(new HostFailure(HostFailure.Kind.APP_START_FAILED,
            "the process could not be started: " + spawned.cause().getMessage()
                + ". Check nodeProcessCommandLine (" + String.join(" ", spec.command()) + ")."));
        return;
      }
      process.onExit().thenAccept(exited -> context.runOnContext(v -> exited(exited.exitValue())));
      probe(0, System.currentTimeMillis() + probeBudgetMillis());
    });
  }

  private long probeBudgetMillis() {
    long retryBudget = (long) spec.connectRetries() * Math.max(1, spec.connectRetryDelayMs());
    return Math.min(retryBudget, spec.startTimeoutMs());
  }

  private Void spawn() throws IOException {
    if (spec.address().socketAddress().isDomainSocket()) {
      Files.deleteIfExists(Path.of(spec.address().socketAddress().path()));
    }
    List<String> command = new ArrayList<>(spec.command());
    command.add(spec.script().toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(spec.script().getParent().toFile());
    builder.environment().putAll(spec.environment());
    Process started = builder.start();
    started.getOutputStream().close();
    output = new ProcessOutput("[" + appName + " pid=" + started.pid(), System.out);
    output.pump(started.getInputStream(), "stdout");
    output.pump(started.getErrorStream(), "stderr");
    process = started;
    LOG.info("{}: started process {} ({})", appName, started.pid(), String.join(" ", command));
    return null;
  }

  private void probe(int attempt, long deadline) {
    if (state != ProcessState.STARTING) {
      return;
    }
    probeClient.connect(spec.address().socketAddress()).onComplete(connected -> {
      if (connected.succeeded()) {
        connected.result().close();
        if (state == ProcessState.STARTING) {
          listener.onReady(this);
        }
      } else if (System.currentTimeMillis() >= deadline) {
        fail(new HostFailure(HostFailure.Kind.APP_NOT_LISTENING,
            "the process did not listen on PORT within " + probeBudgetMillis() + " ms. Call"
                + " server.listen(process.env.PORT) in " + spec.script().getFileName() + ".",
            outputTail()));
        destroy();
      } else {
        long delay = Math.min(FIRST_PROBE_DELAY_MS << Math.min(attempt, 10),
            Math.max(1, spec.connectRetryDelayMs()));
        vertx.setTimer(delay, id -> probe(attempt + 1, deadline));
      }
    });
  }

  private void fail(HostFailure failure) {
    if (state == ProcessState.STARTING) {
      listener.onStartFailed(this, failure);
    }
  }

  private void exited(int exitCode) {
    if (state == ProcessState.STARTING) {
      fail(new HostFailure(HostFailure.Kind.APP_START_FAILED,
          "the process exited with code " + exitCode + " before it listened on PORT.",
          outputTail()));
    }
    listener.onExit(this, state, exitCode);
  }

  /** Asks the process to stop now: SIGTERM, then SIGKILL if it lingers. */
  void destroy() {
    Process running = process;
    if (running == null || !running.isAlive()) {
      return;
    }
    running.destroy();
    vertx.setTimer(KILL_AFTER_TERM.toMillis(), id -> {
      if (running.isAlive()) {
        LOG.warn("{}: process {} ignored SIGTERM for {} s; sending SIGKILL", appName,
            running.pid(), KILL_AFTER_TERM.toSeconds());
        running.destroyForcibly();
      }
    });
  }

  /** Blocks until the process has exited, for the sidecar's final shutdown. */
  void awaitExit(Duration timeout) throws InterruptedException {
    Process running = process;
    if (running != null && !running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      running.destroyForcibly();
    }
  }

  public List<String> outputTail() {
    ProcessOutput out = output;
    return out == null ? List.of() : out.tail();
  }

  public long pid() {
    Process running = process;
    return running == null ? -1 : running.pid();
  }

  public WorkerAddress address() {
    return spec.address();
  }

  public long startedAtMillis() {
    return startedAtMillis;
  }

  ProcessState state() {
    return state;
  }

  void state(ProcessState next) {
    LOG.debug("{}: process {} {} -> {}", appName, pid(), state, next);
    state = next;
  }

  int activeRequests() {
    return activeRequests;
  }

  long servedRequests() {
    return servedRequests;
  }

  void requestStarted() {
    activeRequests++;
  }

  void requestEnded() {
    activeRequests--;
    servedRequests++;
  }

  @Override
  public String toString() {
    return appName + "#" + pid();
  }
}
