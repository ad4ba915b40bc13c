package io.webgarden.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.webgarden.operator.api.GitSource;
import io.webgarden.operator.api.ImageSource;
import io.webgarden.operator.api.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * How a source becomes the pod's {@code /site}, and how {@code spec.webConfig} reaches its root.
 *
 * <ul>
 *   <li>image: an init container copies the code into an emptyDir, then the rendered web.config:
 *       over the site's own when spec.webConfig is set, else only where the site has none (a shell
 *       test, not {@code cp -n}, whose exit status changed in coreutils 9.2), so an image's own
 *       web.config wins over the generated default. A copy needs new pods to change, so it is in
 *       the config checksum.
 *   <li>configMap: a projected volume of the user's ConfigMap plus our web.config key, so both
 *       update live (no subPath, which would freeze them) and the sidecar recycles. The user's
 *       ConfigMap must therefore not hold a web.config key of its own.
 *   <li>git: git-sync keeps {@code /site/current} (a symlink it swaps atomically) up to date; the
 *       repository carries its own web.config, so spec.webConfig is refused with git.
 * </ul>
 */
record SiteVolumes(Source source, boolean userWebConfig) {
  static final String SITE = "site";
  static final String CONFIG = "config";
  static final String TMP = "tmp";
  static final String LOGS = "logs";
  static final String SITE_PATH = "/site";
  static final String WEB_CONFIG = "web.config";
  private static final String GIT_LINK = "current";
  private static final int DEFAULT_GIT_PERIOD_SECONDS = 60;

  String sitePath() {
    return source.git != null ? SITE_PATH + "/" + GIT_LINK : SITE_PATH;
  }

  boolean readOnlySite() {
    return source.configMap != null;
  }

  List<Volume> volumes(String configMapName) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(siteVolume(configMapName));
    volumes.add(
        new VolumeBuilder()
            .withName(CONFIG)
            .withNewConfigMap()
            .withName(configMapName)
            .endConfigMap()
            .build());
    volumes.add(new VolumeBuilder().withName(TMP).withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName(LOGS).withNewEmptyDir().endEmptyDir().build());
    return volumes;
  }

  private Volume siteVolume(String configMapName) {
    if (source.configMap == null) {
      return new VolumeBuilder().withName(SITE).withNewEmptyDir().endEmptyDir().build();
    }
    List<VolumeProjection> sources = new ArrayList<>();
    sources.add(
        new VolumeProjectionBuilder()
            .withNewConfigMap()
            .withName(source.configMap.name)
            .endConfigMap()
            .build());
    sources.add(
        new VolumeProjectionBuilder()
            .withNewConfigMap()
            .withName(configMapName)
            .withItems(new KeyToPath(WEB_CONFIG, null, WEB_CONFIG))
            .endConfigMap()
            .build());
    return new VolumeBuilder()
        .withName(SITE)
        .withNewProjected()
        .withSources(sources)
        .endProjected()
        .build();
  }

  List<Container> initContainers(OperatorDefaults defaults, SecurityContext security) {
    if (source.image != null) {
      return List.of(copyFromImage(source.image, security));
    }
    if (source.git != null) {
      return List.of(gitSync("git-sync-init", source.git, true, defaults, security));
    }
    return List.of();
  }

  List<Container> sidecars(OperatorDefaults defaults, SecurityContext security) {
    if (source.git != null) {
      return List.of(gitSync("git-sync", source.git, false, defaults, security));
    }
    return List.of();
  }

  private Container copyFromImage(ImageSource image, SecurityContext security) {
    String path = image.path == null ? "/app" : image.path;
    String target = SITE_PATH + "/" + WEB_CONFIG;
    String copyWebConfig = "cp /etc/webgarden/" + WEB_CONFIG + " " + target;
    // Not `cp -n`: coreutils 9.2 to 9.4 exit 1 when -n skips a file, failing the pod.
    String script =
        "cp -R '"
            + path
            + "/.' "
            + SITE_PATH
            + "/ && "
            + (userWebConfig
                ? copyWebConfig
                : "{ [ -e " + target + " ] || " + copyWebConfig + "; }");
    return new ContainerBuilder()
        .withName("copy-site")
        .withImage(image.ref)
        .withCommand("sh", "-c", script)
        .withResources(requests("10m", "32Mi"))
        .withSecurityContext(security)
        .withVolumeMounts(
            PodTemplates.mount(SITE, SITE_PATH, false),
            PodTemplates.mount(CONFIG, "/etc/webgarden", true))
        .build();
  }

  private Container gitSync(
      String name,
      GitSource git,
      boolean oneTime,
      OperatorDefaults defaults,
      SecurityContext security) {
    List<String> args = new ArrayList<>();
    args.add("--repo=" + git.repository);
    args.add("--ref=" + (git.ref == null ? "HEAD" : git.ref));
    args.add("--root=" + SITE_PATH);
    args.add("--link=" + GIT_LINK);
    if (oneTime) {
      args.add("--one-time");
    } else {
      int period = git.periodSeconds == null ? DEFAULT_GIT_PERIOD_SECONDS : git.periodSeconds;
      args.add("--period=" + period + "s");
    }
    return new ContainerBuilder()
        .withName(name)
        .withImage(defaults.gitSyncImage())
        .withArgs(args)
        .withResources(requests("10m", "64Mi"))
        .withSecurityContext(security)
        .withVolumeMounts(
            PodTemplates.mount(SITE, SITE_PATH, false), PodTemplates.mount(TMP, "/tmp", false))
        .build();
  }

  /**
   * Small requests for the helper containers: the HPA's utilisation needs a CPU request on every
   * container, and without a memory request they would be the first evicted under pressure.
   */
  private static ResourceRequirements requests(String cpu, String memory) {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(cpu))
        .addToRequests("memory", new Quantity(memory))
        .build();
  }
}
