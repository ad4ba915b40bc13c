package io.webgarden.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.webgarden.operator.api.AppSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod one slot runs, without instance labels: two instances running the same slot content get
 * the same template, hence the same revision, which is how a swap is recognised.
 */
public final class PodTemplates {
  public static final String HOST = "webgarden";
  public static final int HTTP_PORT = 8080;
  public static final int ADMIN_PORT = 9090;

  /** Kept after gracefulShutdownTimeout so the sidecar's own drain finishes before SIGKILL. */
  static final long GRACE_MARGIN_SECONDS = 10;

  private static final long DEFAULT_GRACEFUL_SHUTDOWN_MS = 60_000;
  private static final long DEFAULT_PRE_STOP_SECONDS = 5;
  private static final long NON_ROOT_UID = 10001;

  private PodTemplates() {}

  public static PodTemplateSpec template(
      AppSpec spec, SlotContent slot, String configMapName, OperatorDefaults defaults) {
    SiteVolumes site = new SiteVolumes(slot.source(), spec.webConfig != null);
    List<EnvVar> env = new ArrayList<>(slot.appSettings());
    Container host =
        new ContainerBuilder()
            .withName(HOST)
            .withImage(
                spec.runtime != null && spec.runtime.image != null
                    ? spec.runtime.image
                    : defaults.runtimeImage())
            .withCommand(command(site.sitePath()))
            .withEnv(env)
            .addNewPort()
            .withName("http")
            .withContainerPort(HTTP_PORT)
            .endPort()
            .addNewPort()
            .withName("admin")
            .withContainerPort(ADMIN_PORT)
            .endPort()
            .withReadinessProbe(probe("/readyz", 5, 3))
            .withLivenessProbe(probe("/healthz", 10, 3))
            // Node apps may take long to start; the startup probe holds liveness off until then.
            .withStartupProbe(probe("/healthz", 2, 60))
            .withResources(spec.resources)
            .withSecurityContext(restricted())
            .withVolumeMounts(hostMounts(site))
            .withLifecycle(preStop(spec))
            .build();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (slot.source().image != null) {
      // Copied into the site by the init container: only new pods see a changed web.config.
      annotations.put(Annotations.CONFIG_CHECKSUM, Hashes.ofText(Workloads.webConfig(spec)));
    }
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withInitContainers(site.initContainers(defaults, restricted()))
        .withContainers(withSidecars(host, site.sidecars(defaults, restricted())))
        .withVolumes(site.volumes(configMapName))
        .withTerminationGracePeriodSeconds(graceSeconds(spec))
        .withEnableServiceLinks(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(NON_ROOT_UID)
        .withRunAsGroup(NON_ROOT_UID)
        .withFsGroup(NON_ROOT_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .endSpec()
        .build();
  }

  /**
   * The kubelet counts the grace period from the start of preStop: it must cover the wait, then the
   * sidecar's own drain after SIGTERM, then a margin before SIGKILL.
   */
  static long graceSeconds(AppSpec spec) {
    long ms =
        spec.hosting != null && spec.hosting.gracefulShutdownTimeout != null
            ? spec.hosting.gracefulShutdownTimeout
            : DEFAULT_GRACEFUL_SHUTDOWN_MS;
    return preStopSeconds(spec) + (ms + 999) / 1000 + GRACE_MARGIN_SECONDS;
  }

  static long preStopSeconds(AppSpec spec) {
    return spec.runtime != null && spec.runtime.preStopDelaySeconds != null
        ? spec.runtime.preStopDelaySeconds
        : DEFAULT_PRE_STOP_SECONDS;
  }

  /**
   * Endpoints controllers, kube-proxy and ingress controllers drop a terminating pod only some time
   * after it is marked so; until then they still send it requests. The sleep keeps the sidecar
   * accepting through that window; SIGTERM (and its drain) comes after. A sleep action needs no
   * binary in the image.
   */
  private static Lifecycle preStop(AppSpec spec) {
    long seconds = preStopSeconds(spec);
    if (seconds == 0) {
      return null;
    }
    return new LifecycleBuilder().withNewPreStop().withNewSleep(seconds).endPreStop().build();
  }

  private static List<String> command(String sitePath) {
    return List.of(
        "java",
        "-jar",
        "/opt/webgarden/webgarden-sidecar.jar",
        "serve",
        sitePath,
        "--port",
        String.valueOf(HTTP_PORT),
        "--admin-port",
        String.valueOf(ADMIN_PORT),
        "--settings",
        SettingsFile.PATH);
  }

  private static List<VolumeMount> hostMounts(SiteVolumes site) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount(SiteVolumes.SITE, SiteVolumes.SITE_PATH, site.readOnlySite()));
    mounts.add(mount(SiteVolumes.CONFIG, "/etc/webgarden", true));
    // Read-only root filesystem: everything the JVM, node and the logs write goes here.
    mounts.add(mount(SiteVolumes.TMP, "/tmp", false));
    mounts.add(mount(SiteVolumes.LOGS, "/var/log/webgarden", false));
    return mounts;
  }

  static VolumeMount mount(String name, String path, boolean readOnly) {
    VolumeMount mount = new VolumeMount();
    mount.setName(name);
    mount.setMountPath(path);
    mount.setReadOnly(readOnly ? Boolean.TRUE : null);
    return mount;
  }

  private static List<Container> withSidecars(Container host, List<Container> sidecars) {
    List<Container> all = new ArrayList<>();
    all.add(host);
    all.addAll(sidecars);
    return all;
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withNewPort("admin")
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /** Restricted Pod Security for every container. */
  static SecurityContext restricted() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }
}
