package io.webgarden.operator.chart;

import static io.webgarden.operator.chart.RenderedChart.FULLNAME;
import static io.webgarden.operator.chart.RenderedChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.webgarden.operator.cli.OperatorCommand;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The objects the chart renders for the value combinations users set, field by field. */
class ChartRenderTest {
  private static final String APP_VERSION = appVersion();

  private static String appVersion() {
    try {
      Map<String, Object> chart =
          new Yaml().load(Files.readString(RenderedChart.DIR.resolve("Chart.yaml")));
      return (String) chart.get("appVersion");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Container operator(RenderedChart chart) {
    return chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static Subject serviceAccount() {
    return new Subject(null, "ServiceAccount", FULLNAME, NAMESPACE);
  }

  @Test
  void defaultsRunTwoReplicasWithLeaderElectionOverAllNamespaces() {
    RenderedChart chart = RenderedChart.render("");
    Deployment deployment = chart.one(Deployment.class);
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    Container operator = operator(chart);
    assertThat(operator.getImage()).isEqualTo("ghcr.io/webgarden/operator:" + APP_VERSION);
    assertThat(operator.getCommand())
        .containsExactly(
            "java",
            "-XX:MaxRAMPercentage=75",
            "-jar",
            "/opt/webgarden/webgarden-operator.jar",
            "run");
    assertThat(operator.getArgs()).containsExactly("--reconcile-threads=4");
    assertThat(env(operator))
        .containsEntry("WEBGARDEN_NAMESPACES", "")
        .containsEntry("WEBGARDEN_LEADER_ELECTION", "true")
        .containsEntry("WEBGARDEN_RUNTIME_IMAGE", "ghcr.io/webgarden/host:" + APP_VERSION)
        .containsEntry("WEBGARDEN_LOG_LEVEL", "INFO")
        .containsEntry("WEBGARDEN_ROLLOUTS_PER_MINUTE", "20");
    assertThat(operator.getEnv())
        .filteredOn(e -> e.getValueFrom() != null)
        .extracting(e -> e.getName() + "=" + e.getValueFrom().getFieldRef().getFieldPath())
        .containsExactlyInAnyOrder("POD_NAME=metadata.name", "POD_NAMESPACE=metadata.namespace");

    ClusterRoleBinding binding = chart.one(ClusterRoleBinding.class);
    assertThat(binding.getRoleRef().getName())
        .isEqualTo(chart.one(ClusterRole.class).getMetadata().getName());
    assertThat(binding.getSubjects()).containsExactly(serviceAccount());
    Role lease = chart.one(Role.class);
    assertThat(lease.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(lease.getRules())
        .singleElement()
        .satisfies(rule -> assertThat(rule.getResources()).containsExactly("leases"));
  }

  /** Drift: a run option read from the environment that the chart does not set, or the reverse. */
  @Test
  void chartSetsExactlyTheEnvironmentTheRunCommandReads() {
    Set<String> read = new TreeSet<>();
    Pattern env = Pattern.compile("\\$\\{env:([A-Z_]+)");
    Object run =
        new CommandLine(new OperatorCommand())
            .getSubcommands()
            .get("run")
            .getCommandSpec()
            .userObject();
    for (Field field : run.getClass().getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      if (option == null) {
        continue;
      }
      Matcher matcher = env.matcher(option.defaultValue());
      while (matcher.find()) {
        read.add(matcher.group(1));
      }
    }
    read.add("WEBGARDEN_LOG_LEVEL"); // read by logback.xml, not by an option
    Set<String> set =
        operator(RenderedChart.render("")).getEnv().stream()
            .map(EnvVar::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(set).containsExactlyElementsOf(read);
  }

  @Test
  void probesGiveASlowInformerSyncFiveMinutesBeforeLivenessCounts() {
    Container operator = operator(RenderedChart.render(""));
    assertThat(operator.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8081));
    assertProbe(operator.getStartupProbe(), "/healthz");
    assertThat(
            operator.getStartupProbe().getPeriodSeconds()
                * operator.getStartupProbe().getFailureThreshold())
        .isEqualTo(300);
    assertProbe(operator.getLivenessProbe(), "/healthz");
    assertThat(operator.getLivenessProbe().getInitialDelaySeconds()).isNull();
    assertProbe(operator.getReadinessProbe(), "/readyz");
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("health");
  }

  @Test
  void podIsRestrictedAndWritesOnlyToTmp() {
    Deployment deployment = RenderedChart.render("").one(Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var container = pod.getContainers().get(0).getSecurityContext();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes())
        .singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
  }

  @Test
  void watchNamespacesGetARoleEachAndNoClusterRole() {
    RenderedChart chart = RenderedChart.render("watchNamespaces: [shop, blog]\n");
    assertThat(chart.all(ClusterRole.class)).isEmpty();
    assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
    assertThat(env(operator(chart))).containsEntry("WEBGARDEN_NAMESPACES", "shop,blog");
    List<Role> roles =
        chart.all(Role.class).stream()
            .filter(r -> !r.getMetadata().getName().endsWith("-leader-election"))
            .toList();
    assertThat(roles)
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("shop", "blog");
    assertThat(chart.all(RoleBinding.class))
        .filteredOn(b -> !b.getMetadata().getName().endsWith("-leader-election"))
        .hasSize(2)
        .allSatisfy(
            b -> {
              assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
              assertThat(b.getSubjects()).containsExactly(serviceAccount());
            });
  }

  @Test
  void leaderElectionOffWithOneReplicaHasNoLease() {
    RenderedChart chart = RenderedChart.render("leaderElection: false\nreplicas: 1\n");
    assertThat(chart.one(Deployment.class).getSpec().getReplicas()).isEqualTo(1);
    assertThat(env(operator(chart))).containsEntry("WEBGARDEN_LEADER_ELECTION", "false");
    assertThat(chart.all(Role.class)).isEmpty();
    assertThat(chart.all(RoleBinding.class)).isEmpty();
  }

  @Test
  void twoReplicasWithoutLeaderElectionDoNotRender() {
    assertThatThrownBy(() -> RenderedChart.render("leaderElection: false\n"))
        .hasMessageContaining("replicas: 2 with leaderElection: false")
        .hasMessageContaining("set leaderElection: true or replicas: 1");
  }

  @Test
  void serviceMonitorScrapesTheMetricsService() {
    RenderedChart chart = RenderedChart.render("metrics:\n  serviceMonitor: true\n");
    Service metrics = chart.one(Service.class);
    assertThat(metrics.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("health"));
    GenericKubernetesResource monitor =
        (GenericKubernetesResource) chart.kind("ServiceMonitor").orElseThrow();
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    assertThat(metrics.getMetadata().getLabels()).containsAllEntriesOf(selector);
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints).containsExactly(Map.of("port", "health", "path", "/metrics"));
    assertThat(RenderedChart.render("").kind("ServiceMonitor")).isEmpty();
  }

  @Test
  void serviceMonitorWithoutTheServiceDoesNotRender() {
    assertThatThrownBy(
            () -> RenderedChart.render("metrics:\n  service: false\n  serviceMonitor: true\n"))
        .hasMessageContaining("metrics.serviceMonitor: true needs metrics.service: true");
  }

  @Test
  void customImagesReachTheOperatorAndItsApps() {
    RenderedChart chart =
        RenderedChart.render(
            String.join(
                "\n",
                "image:",
                "  repository: registry.example/webgarden/operator",
                "  tag: 1.2.3",
                "  pullPolicy: Always",
                "imagePullSecrets: [{name: registry-login}]",
                "runtimeImage: registry.example/webgarden/host:1.2.3",
                "gitSyncImage: registry.example/git-sync:v4.4.0",
                ""));
    Deployment deployment = chart.one(Deployment.class);
    Container operator = operator(chart);
    assertThat(operator.getImage()).isEqualTo("registry.example/webgarden/operator:1.2.3");
    assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
    assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets())
        .extracting(s -> s.getName())
        .containsExactly("registry-login");
    assertThat(env(operator))
        .containsEntry("WEBGARDEN_RUNTIME_IMAGE", "registry.example/webgarden/host:1.2.3")
        .containsEntry("WEBGARDEN_GIT_SYNC_IMAGE", "registry.example/git-sync:v4.4.0");
  }

  @Test
  void notesSayWhatWasInstalledAndHowToStart() {
    String notes = RenderedChart.installNotes("watchNamespaces: [shop]\n");
    assertThat(notes)
        .contains(
            "namespaces shop (a Role in each)",
            "kubectl -n webgarden-system rollout status deployment/" + FULLNAME,
            "kubectl -n shop apply -f -",
            "kind: App",
            "kubectl -n shop get app hello -w",
            "kubectl apply --server-side --force-conflicts -f charts/webgarden-operator/crds/");
    assertThat(RenderedChart.installNotes(""))
        .contains(
            "all namespaces (a ClusterRole)",
            "2 replica(s), leader election on",
            "kubectl -n default apply -f -");
  }
}
