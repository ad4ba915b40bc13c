package io.webgarden.sidecar.apps;

import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.RawSetting;
import io.webgarden.sidecar.host.WarmupPage;
import io.webgarden.sidecar.site.SiteConfig;
import io.webgarden.sidecar.site.SiteResolver;
import io.webgarden.sidecar.site.WebConfigException;
import java.nio.file.Path;
import java.util.List;

/** Reads what the site's files say about an application, for the host to start it with. */
public final class AppDefinitions {
  private final SiteResolver site;

  public AppDefinitions(SiteResolver site) {
    this.site = site;
  }

  /** The definition from an already-resolved folder configuration. */
  public static AppDefinition from(String name, Path script, SiteConfig config) {
    List<RawSetting> attributes =
        config.iisnodeAttributes().entrySet().stream()
            .map(
                e ->
                    new RawSetting(
                        e.getKey(),
                        e.getValue().value(),
                        e.getValue().file().toString(),
                        e.getValue().line()))
            .toList();
    List<WarmupPage> pages =
        config.initializationPages().stream()
            .map(
                page -> new WarmupPage(page.page(), page.hostName() == null ? "" : page.hostName()))
            .toList();
    return new AppDefinition(name, script, attributes, config.appSettings(), pages);
  }

  /**
   * Reads the script's folder configuration as the files are now (the parses of its web.config
   * chain are dropped first, so an edit no stat can see is read too).
   *
   * @throws ConfigException when a web.config on the chain cannot be used
   */
  public AppDefinition reload(String name, Path script) throws ConfigException {
    site.forgetChain(script.getParent());
    SiteConfig config = site.configs().forFolder(script.getParent());
    if (config.configError().isPresent()) {
      WebConfigException error = config.configError().get();
      throw new ConfigException(error.file(), error.line(), error.problem());
    }
    return from(name, script, config);
  }
}
