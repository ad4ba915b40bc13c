package io.webgarden.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.webgarden.operator.model.OperatorDefaults;
import io.webgarden.operator.runtime.HealthServer;
import io.webgarden.operator.runtime.OperatorSettings;
import io.webgarden.operator.runtime.OperatorSettings.LeaderElection;
import io.webgarden.operator.runtime.WebgardenOperator;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the operator until SIGTERM; every option also reads an environment variable. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the operator.")
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Option(
      names = "--namespaces",
      defaultValue = "${env:WEBGARDEN_NAMESPACES:-}",
      description =
          "Comma-separated namespaces to watch; empty watches all (env" + " WEBGARDEN_NAMESPACES).")
  String namespaces;

  @Option(
      names = "--runtime-image",
      defaultValue = "${env:WEBGARDEN_RUNTIME_IMAGE:-}",
      description = "Host image for Apps without spec.runtime.image (env WEBGARDEN_RUNTIME_IMAGE).")
  String runtimeImage;

  @Option(
      names = "--git-sync-image",
      defaultValue =
          "${env:WEBGARDEN_GIT_SYNC_IMAGE:-" + OperatorDefaults.DEFAULT_GIT_SYNC_IMAGE + "}",
      description = "git-sync image.")
  String gitSyncImage;

  @Option(
      names = "--leader-election",
      arity = "1",
      defaultValue = "${env:WEBGARDEN_LEADER_ELECTION:-true}",
      description =
          "true: hold a Lease so only one replica reconciles (default: ${DEFAULT-VALUE},"
              + " env WEBGARDEN_LEADER_ELECTION).")
  boolean leaderElection;

  @Option(names = "--lease-name", defaultValue = "webgarden-operator")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:POD_NAMESPACE:-}",
      description =
          "Namespace of the Lease; empty uses the client's namespace (env" + " POD_NAMESPACE).")
  String leaseNamespace;

  @Option(
      names = "--identity",
      defaultValue = "${env:POD_NAME:-}",
      description = "This replica's name in the Lease (env POD_NAME; default: host name).")
  String identity;

  @Option(
      names = "--health-port",
      defaultValue = "8081",
      description = "Port of /healthz, /readyz and /metrics.")
  int healthPort;

  @Option(names = "--reconcile-threads", defaultValue = "4")
  int reconcileThreads;

  @Option(
      names = "--shutdown-timeout",
      defaultValue = "PT20S",
      description = "How long running reconciles may finish on SIGTERM (ISO-8601).")
  Duration shutdownTimeout;

  @Option(
      names = "--rollouts-per-minute",
      defaultValue = "${env:WEBGARDEN_ROLLOUTS_PER_MINUTE:-20}",
      description =
          "Pod-template changes started per minute over all Apps; 0 is unlimited"
              + " (default: ${DEFAULT-VALUE}, env WEBGARDEN_ROLLOUTS_PER_MINUTE).")
  int rolloutsPerMinute;

  @Override
  public Integer call() throws Exception {
    OperatorSettings settings = settings();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator =
        WebgardenOperator.create(
            client,
            settings,
            MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build(),
            Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    try (HealthServer health = HealthServer.start(healthPort, operator::getRuntimeInfo, registry)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    LOG.info(
                        "stopping: letting running reconciles finish for up to {}",
                        shutdownTimeout);
                    operator.stop(); // waits for the reconcile threads, at most --shutdown-timeout
                    client.close();
                    stopped.countDown();
                  },
                  "webgarden-shutdown"));
      LOG.info(
          "starting: namespaces={}, leaderElection={}, health port {}",
          settings.namespaces().isEmpty() ? "all" : settings.namespaces(),
          settings.leaderElection().isPresent(),
          health.port());
      operator.start();
      stopped.await();
    }
    return 0;
  }

  OperatorSettings settings() {
    Set<String> watched =
        Arrays.stream(namespaces.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    Optional<LeaderElection> election =
        leaderElection
            ? Optional.of(
                new LeaderElection(leaseName, blankToNull(leaseNamespace), blankToNull(identity)))
            : Optional.empty();
    return new OperatorSettings(
        watched,
        new OperatorDefaults(blankToNull(runtimeImage), gitSyncImage),
        true,
        election,
        reconcileThreads,
        shutdownTimeout,
        rolloutsPerMinute);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
