package io.webgarden.sidecar.host;

import io.vertx.core.Vertx;
import io.webgarden.sidecar.apps.AppRevision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating system's side of a {@link NodeProcess}: the child spawned with its command line and
 * environment, its stdout and stderr pumped into the application's log, and its stop (SIGTERM, then
 * SIGKILL). It knows nothing of phases or requests; NodeProcess does.
 */
final class ChildProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration KILL_AFTER_TERM = Duration.ofSeconds(5);

  /** How long an exited process's pipes may take to deliver their last lines. */
  private static final long OUTPUT_DRAIN_MS = 1000;

  private final String appName;
  private final Process process;
  private final ProcessOutput output;

  private ChildProcess(String appName, Process process, ProcessOutput output) {
    this.appName = appName;
    this.process = process;
    this.output = output;
  }

  /** Starts the child; blocks on fork and exec, so it runs off the event loop. */
  static ChildProcess spawn(
      String appName,
      AppRevision revision,
      Path script,
      WorkerAddress address,
      Map<String, String> extraEnvironment,
      ChildLifetime lifetime,
      long startedAtMillis)
      throws IOException {
    if (address.socketAddress().isDomainSocket()) {
      Files.deleteIfExists(Path.of(address.socketAddress().path()));
    }
    List<String> command = CommandLine.of(revision, script);
    Process started =
        CommandLine.builder(command, revision, script, address, extraEnvironment, lifetime).start();
    started.getOutputStream().close();
    ProcessOutput output =
        new ProcessOutput(revision.output().open(appName, started.pid(), startedAtMillis));
    output.pump(started.getInputStream(), "stdout");
    output.pump(started.getErrorStream(), "stderr");
    LOG.info("{}: started process {} ({})", appName, started.pid(), String.join(" ", command));
    return new ChildProcess(appName, started, output);
  }

  /**
   * Completes with the exit code once the child exited and its last lines are read (a stack trace
   * explains a start failure), or {@value #OUTPUT_DRAIN_MS} ms after the exit if a grandchild keeps
   * the pipes open.
   */
  CompletableFuture<Integer> exitCode() {
    return process
        .onExit()
        .thenCompose(
            exited ->
                output
                    .closed()
                    .completeOnTimeout(null, OUTPUT_DRAIN_MS, TimeUnit.MILLISECONDS)
                    .thenApply(v -> exited.exitValue()));
  }

  /** SIGTERM now, SIGKILL if it lingers {@link #KILL_AFTER_TERM}. */
  void terminate(Vertx vertx) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    vertx.setTimer(
        KILL_AFTER_TERM.toMillis(),
        id -> {
          if (process.isAlive()) {
            LOG.warn(
                "{}: process {} ignored SIGTERM for {} s; sending SIGKILL",
                appName,
                process.pid(),
                KILL_AFTER_TERM.toSeconds());
            process.destroyForcibly();
          }
        });
  }

  /** SIGKILL now. */
  void kill() {
    process.destroyForcibly();
  }

  /** Blocks until the child has exited and its log is closed, for the sidecar's shutdown. */
  void awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
    }
    // Else the pumps go on writing the log after stop() returned, into a folder maybe deleted.
    try {
      output.closed().get(OUTPUT_DRAIN_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // A grandchild holding the pipe open: the log keeps what was read, as on a crash.
      LOG.debug("output of {} still open after {} ms", process.pid(), OUTPUT_DRAIN_MS);
    }
  }

  long pid() {
    return process.pid();
  }

  List<String> outputTail() {
    return output.tail();
  }
}
