package io.webgarden.sidecar.apps;

import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.config.SettingsResolver;
import io.webgarden.sidecar.host.OutputListeners;
import io.webgarden.sidecar.host.ProcessMode;
import io.webgarden.sidecar.host.WarmupPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a definition (what the site's files say) into a revision (what processes are started with):
 * the settings of every layer, iisnode.yml included, the environment, the warm-up pages and where
 * output goes. Reads files: call it off the event loop.
 */
public final class Revisions {
  /** The version apps read in IISNODE_VERSION: iisnode's last release, for compatibility. */
  static final String IISNODE_VERSION = "0.2.26";

  private static final Logger LOG = LoggerFactory.getLogger(Revisions.class);

  private final SettingsResolver settingsResolver;
  private final OutputListeners outputs;
  private final Map<String, String> baseEnvironment;

  /**
   * @param baseEnvironment the sidecar's environment, which every process inherits
   */
  public Revisions(
      SettingsResolver settingsResolver,
      OutputListeners outputs,
      Map<String, String> baseEnvironment) {
    this.settingsResolver = settingsResolver;
    this.outputs = outputs;
    this.baseEnvironment = Map.copyOf(baseEnvironment);
  }

  /** Builds revision {@code number}: settings from every layer, environment, warm-up, outputs. */
  public AppRevision revision(AppDefinition definition, int number, ProcessMode mode)
      throws ConfigException {
    Path folder = definition.script().getParent();
    Settings settings =
        settingsResolver.resolve(definition.iisnodeAttributes(), Optional.of(folder));
    // Revisions are built when the files were (re-)read: once per change.
    settings.warnings().forEach(warning -> LOG.warn("{}: {}", definition.name(), warning));
    List<WarmupPage> pages = new ArrayList<>(definition.initializationPages());
    for (String page : settings.string(Setting.INITIALIZATION_PAGES).split(";")) {
      if (!page.isBlank()) {
        pages.add(new WarmupPage(page.strip(), ""));
      }
    }
    return new AppRevision(
        number,
        settings,
        environment(definition, settings),
        pages,
        outputs.forApplication(definition.name(), folder, settings),
        mode);
  }

  private Map<String, String> environment(AppDefinition definition, Settings settings) {
    Map<String, String> env = new HashMap<>(baseEnvironment);
    definition
        .appSettings()
        .forEach(
            (key, value) -> {
              if (!key.isEmpty()) {
                env.put(key, value);
              }
            });
    String nodeEnv = settings.string(Setting.NODE_ENV);
    if (!nodeEnv.isEmpty()) {
      env.put("NODE_ENV", nodeEnv);
    }
    env.put("IISNODE_VERSION", IISNODE_VERSION);
    return env;
  }
}
