package io.webgarden.e2e.operator;

import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.webgarden.e2e.cluster.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Installs what the Helm chart installs except the operator's Deployment: the CRD from {@code
 * crds/}, the ServiceAccount and its RBAC rendered by {@code helm template}; then writes a
 * kubeconfig holding a TokenRequest token of that ServiceAccount, so an operator run out of cluster
 * is authorized exactly as the chart's pods would be.
 */
final class OperatorInstall {
  static final String NAMESPACE = "webgarden-system";
  static final String RELEASE = "webgarden-operator";

  /** The user the API server (and its audit log) sees for the operator's requests. */
  static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + RELEASE;

  private static final Set<String> KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  private OperatorInstall() {}

  /** Installs the CRD and the chart's RBAC; returns the operator's kubeconfig. */
  static Path install(TestCluster cluster, Path workDir) {
    installCrd(cluster);
    cluster
        .kubectlWithInput(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + NAMESPACE + "\n",
            "apply",
            "-f",
            "-")
        .assertSuccess();
    cluster
        .kubectlWithInput(rbac(cluster.repo()), "apply", "-n", NAMESPACE, "-f", "-")
        .assertSuccess();
    return kubeconfig(cluster, workDir);
  }

  /**
   * {@code kubectl apply --server-side} of the committed CRD (or {@code -Dwebgarden.operator.crd},
   * the one of another build), then waits until it is Established and discovery lists it.
   */
  static void installCrd(TestCluster cluster) {
    cluster
        .kubectl(
            "apply",
            "--server-side",
            "--force-conflicts",
            "-f",
            System.getProperty(
                "webgarden.operator.crd",
                cluster.repo().resolve("crds/apps.webgarden.io-v1.yml").toString()))
        .assertSuccess();
    cluster
        .kubectl("wait", "--for=condition=Established", "crd/apps.webgarden.io", "--timeout=60s")
        .assertSuccess();
    // Established comes before discovery lists the kind; kubectl caches discovery, so wait until
    // the short name resolves (which also refreshes kubectl's cache).
    await("discovery lists wga")
        .atMost(Duration.ofSeconds(30))
        .until(() -> cluster.kubectl("get", "wga", "-A").exitCode() == 0);
  }

  /** The chart rendered for Kubernetes 1.35, only the ServiceAccount and RBAC documents. */
  static String rbac(Path repo) {
    String rendered =
        new Helm(repo.resolve("charts/webgarden-operator"))
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion("1.35.4")
            .call();
    return Arrays.stream(rendered.split("(?m)^---\\s*$"))
        .filter(doc -> KINDS.contains(kind(doc)))
        .collect(Collectors.joining("\n---\n"));
  }

  private static String kind(String document) {
    return document
        .lines()
        .filter(l -> l.startsWith("kind:"))
        .map(l -> l.substring("kind:".length()).strip())
        .findFirst()
        .orElse("");
  }

  private static Path kubeconfig(TestCluster cluster, Path workDir) {
    TokenRequest request =
        cluster
            .client()
            .serviceAccounts()
            .inNamespace(NAMESPACE)
            .withName(RELEASE)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(24 * 3600L)
                    .endSpec()
                    .build());
    var config = cluster.client().getConfiguration();
    try {
      String ca =
          Base64.getEncoder()
              .encodeToString(Files.readAllBytes(cluster.stateDir().resolve("pki/ca.crt")));
      String yaml =
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: test
            cluster:
              server: %s
              certificate-authority-data: %s
          users:
          - name: %s
            user:
              token: %s
          contexts:
          - name: operator
            context: {cluster: test, user: %s, namespace: %s}
          current-context: operator
          """
              .formatted(
                  config.getMasterUrl(),
                  ca,
                  RELEASE,
                  request.getStatus().getToken(),
                  RELEASE,
                  NAMESPACE);
      Files.createDirectories(workDir);
      return Files.writeString(workDir.resolve("operator.kubeconfig"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
