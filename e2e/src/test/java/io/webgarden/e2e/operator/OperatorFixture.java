package io.webgarden.e2e.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.webgarden.e2e.cluster.TestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator under test: installed like the chart installs it (once per run), and one process per
 * test class, stopped after the class so that no operator of ours reconciles while other classes
 * run their own. Tests that need their own processes (restarts, leader election) stop the main one
 * and start it again.
 */
final class OperatorFixture implements AutoCloseable {
  private final TestCluster cluster;
  private final Path kubeconfig;
  private final Path workDir;
  private final List<OperatorProcess> started = new ArrayList<>();
  private OperatorProcess main;
  private int generation;

  private OperatorFixture(TestCluster cluster, Path kubeconfig, Path workDir) {
    this.cluster = cluster;
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  static OperatorFixture start(TestCluster cluster) {
    Path workDir = Path.of("target", "operator-e2e").toAbsolutePath();
    return new OperatorFixture(cluster, OperatorInstall.install(cluster, workDir), workDir);
  }

  TestCluster cluster() {
    return cluster;
  }

  KubernetesClient client() {
    return cluster.client();
  }

  /**
   * Starts the main process when none runs (a new test class), and fails with the operator's last
   * log lines when it died on its own.
   */
  OperatorFixture running() {
    if (main == null) {
      main = startProcess("main");
    } else if (!main.isAlive()) {
      throw new AssertionError("the operator exited; its last log lines:\n" + main.logTail());
    }
    return this;
  }

  /** The running main operator (restarted by {@link #restartMain()}). */
  OperatorProcess main() {
    return main;
  }

  /** SIGTERM the main operator and start a new one. */
  OperatorProcess restartMain() {
    stopMain();
    main = startProcess("main");
    return main;
  }

  /** SIGTERM the main operator (a test then runs its own; call {@link #restartMain()} after). */
  void stopMain() {
    if (main != null) {
      OperatorProcess stopping = main;
      main = null;
      stopping.close();
    }
  }

  /**
   * Another operator process with its own identity, stopped with the test class (by {@link
   * #stopAll()}) even when the test that started it failed before stopping it.
   */
  OperatorProcess startProcess(String name) {
    OperatorProcess process =
        OperatorProcess.asChart(cluster, kubeconfig, workDir, name + "-" + (++generation));
    started.add(process);
    return process;
  }

  /**
   * SIGTERM every process of ours still running: the main one and those tests started. A leftover
   * (a leader-election standby whose test failed early) would otherwise keep reconciling every
   * namespace while later classes run operators of their own, fighting them over their Apps.
   */
  void stopAll() {
    main = null;
    started.forEach(OperatorProcess::close);
    started.clear();
  }

  @Override
  public void close() {
    stopAll();
  }
}
