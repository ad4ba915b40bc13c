package io.webgarden.sidecar.host;

import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.metrics.SidecarMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Processes for the unit tests of host's parts: real {@link NodeProcess} objects that are never
 * spawned, so a test moves them through their states by hand (their pid is -1).
 */
final class UnspawnedProcesses {
  private UnspawnedProcesses() {}

  static AppRevision revision(int number, Object... settings) {
    Settings.Builder builder = Settings.builder();
    for (int i = 0; i < settings.length; i += 2) {
      builder.set((Setting) settings[i], settings[i + 1]);
    }
    return new AppRevision(number, builder.build(), Map.of(), List.of(), null, ProcessMode.NORMAL);
  }

  static NodeProcess process(Vertx vertx, AppRevision revision, NodeProcess replaces) {
    return process(vertx, revision, replaces, new SidecarMetrics());
  }

  static NodeProcess process(
      Vertx vertx, AppRevision revision, NodeProcess replaces, SidecarMetrics metrics) {
    return new NodeProcess(
        vertx,
        vertx.getOrCreateContext(),
        null,
        "/app.js",
        Path.of("app.js"),
        revision,
        new WorkerAddress(SocketAddress.domainSocketAddress("/tmp/unspawned.sock"), "unspawned"),
        NodeProcess.Setup.NONE,
        null,
        replaces,
        null,
        metrics,
        Clock.systemUTC());
  }

  /** A pool whose spawner creates unspawned processes and adds each to {@code spawned}. */
  static ProcessPool pool(Vertx vertx, SidecarMetrics metrics, List<NodeProcess> spawned) {
    return new ProcessPool(
        "/app.js",
        (revision, replaces) -> {
          NodeProcess process = process(vertx, revision, replaces, metrics);
          spawned.add(process);
          return process;
        },
        metrics);
  }

  /** Signals that only tell the test which process got SIGTERM and which SIGKILL. */
  static Retirement.Signals signals(
      Consumer<NodeProcess> terminated, Consumer<NodeProcess> killed) {
    return new Retirement.Signals() {
      @Override
      public void terminate(NodeProcess process) {
        terminated.accept(process);
      }

      @Override
      public void kill(NodeProcess process) {
        killed.accept(process);
      }
    };
  }

  static NodeProcess ready(Vertx vertx, AppRevision revision) {
    NodeProcess process = process(vertx, revision, null);
    process.transition(ProcessPhase.READY, "test");
    return process;
  }
}
