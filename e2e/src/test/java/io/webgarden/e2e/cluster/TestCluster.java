package io.webgarden.e2e.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A running test cluster: its state folder, admin kubeconfig and client, its kubectl and its audit
 * log. Made by {@link ClusterExtension}; see the package documentation.
 */
public final class TestCluster implements AutoCloseable {
  private final Path repo;
  private final Path stateDir;
  private final Path kubeconfig;
  private final Path kubectl;
  private final boolean stopOnClose;
  private final KubernetesClient client;
  private final AuditLog audit;

  TestCluster(Path repo, Path stateDir, Path kubeconfig, boolean stopOnClose) {
    this.repo = repo;
    this.stateDir = stateDir;
    this.kubeconfig = kubeconfig;
    this.kubectl = Path.of(ClusterEnv.read(stateDir).get("K8S_BIN"), "kubectl");
    this.stopOnClose = stopOnClose;
    this.client = clientFor(kubeconfig);
    this.audit = new AuditLog(stateDir.resolve("audit.log"));
  }

  /** A fabric8 client authenticated by the given kubeconfig file. */
  public static KubernetesClient clientFor(Path kubeconfig) {
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + kubeconfig, e);
    }
  }

  /** The repository's root folder (where {@code e2e/cluster/up} lives). */
  public Path repo() {
    return repo;
  }

  /** The state folder: certificates, logs/, audit.log, cluster.env, kubeconfigs. */
  public Path stateDir() {
    return stateDir;
  }

  /** The admin kubeconfig (system:masters). */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The admin client; closed with the cluster, so do not close it. */
  public KubernetesClient client() {
    return client;
  }

  /** The API server's audit log of writes. */
  public AuditLog audit() {
    return audit;
  }

  /** The kubectl binary built with the cluster. */
  public Path kubectlBinary() {
    return kubectl;
  }

  /** Runs the cluster's kubectl with admin credentials; one minute at most. */
  public CommandResult kubectl(String... args) {
    return kubectlWithInput(null, args);
  }

  /** Runs kubectl with {@code stdin} as its input (e.g. {@code apply -f -}). */
  public CommandResult kubectlWithInput(String stdin, String... args) {
    List<String> command =
        new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return Commands.run(command, Map.of(), Duration.ofMinutes(1), stdin);
  }

  /** Creates a namespace named {@code prefix-<random>} and returns its name. */
  public String createNamespace(String prefix) {
    String name = prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /** Stops the cluster with {@code e2e/cluster/down}, unless it was reused or is to be kept. */
  @Override
  public void close() {
    client.close();
    if (stopOnClose) {
      Commands.run(
              List.of(repo.resolve("e2e/cluster/down").toString()),
              Map.of("WEBGARDEN_CLUSTER_DIR", stateDir.toString()),
              Duration.ofMinutes(1))
          .assertSuccess();
    }
  }
}
