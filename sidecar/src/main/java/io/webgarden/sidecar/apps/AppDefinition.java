package io.webgarden.sidecar.apps;

import io.webgarden.sidecar.config.RawSetting;
import io.webgarden.sidecar.host.WarmupPage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the site says about one application: its script and the configuration that applies to it.
 *
 * @param name the script's site-relative URL path, e.g. {@code /hello/hello.js}
 * @param script the script file
 * @param iisnodeAttributes the merged {@code iisnode} attributes of its web.config chain
 * @param appSettings the merged {@code appSettings}, which become environment variables
 * @param initializationPages web.config's {@code applicationInitialization} pages
 */
public record AppDefinition(
    String name,
    Path script,
    List<RawSetting> iisnodeAttributes,
    Map<String, String> appSettings,
    List<WarmupPage> initializationPages) {}
