package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.rewrite.ScopedRule;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration in effect for one folder: the web.config files from the site root down to it,
 * merged (nearer files override farther ones, collections replay their add/remove/clear).
 *
 * @param folder the folder, absolute
 * @param chain the web.config files that apply, site root first
 * @param handlers handler mappings in evaluation order (the first match wins)
 * @param defaultDocumentEnabled {@code defaultDocument/@enabled}
 * @param defaultDocuments default document names in the order they are tried
 * @param rewriteRules rules in evaluation order, inherited rules first
 * @param appSettings {@code appSettings} in order, with the key spelled as the nearest file does
 * @param iisnodeAttributes raw {@code iisnode} attributes, each with the file and line that set it
 * @param initializationPages {@code applicationInitialization} pages
 * @param requestFiltering {@code security/requestFiltering}, from IIS's defaults down
 * @param staticContent {@code staticContent} and {@code directoryBrowse}, from IIS's defaults
 * @param httpErrors {@code httpErrors}, from IIS's defaults
 * @param urlCompression {@code urlCompression}, both flags set
 * @param outputCaching {@code caching}: output cache profiles
 * @param error the first file on the chain that could not be used, or null; when set, the other
 *     components are empty
 */
public record SiteConfig(
    Path folder,
    List<WebConfig> chain,
    List<HandlerMapping> handlers,
    boolean defaultDocumentEnabled,
    List<String> defaultDocuments,
    List<ScopedRule> rewriteRules,
    Map<String, String> appSettings,
    Map<String, Located> iisnodeAttributes,
    List<InitializationPage> initializationPages,
    RequestFiltering requestFiltering,
    StaticContent staticContent,
    HttpErrors httpErrors,
    UrlCompression urlCompression,
    OutputCaching outputCaching,
    WebConfigException error) {

  public SiteConfig {
    chain = List.copyOf(chain);
    handlers = List.copyOf(handlers);
    defaultDocuments = List.copyOf(defaultDocuments);
    rewriteRules = List.copyOf(rewriteRules);
    appSettings = unmodifiableOrdered(appSettings);
    iisnodeAttributes = unmodifiableOrdered(iisnodeAttributes);
    initializationPages = List.copyOf(initializationPages);
  }

  /** The configuration of a folder whose chain holds a file that cannot be used. */
  static SiteConfig broken(Path folder, WebConfigException error) {
    return new SiteConfig(
        folder,
        List.of(),
        List.of(),
        false,
        List.of(),
        List.of(),
        Map.of(),
        Map.of(),
        List.of(),
        ApplicationHost.REQUEST_FILTERING,
        ApplicationHost.STATIC_CONTENT,
        ApplicationHost.HTTP_ERRORS,
        UrlCompression.DEFAULTS,
        OutputCaching.SCHEMA_DEFAULTS,
        error);
  }

  /** The unusable web.config on the chain, if any. */
  public Optional<WebConfigException> configError() {
    return Optional.ofNullable(error);
  }

  /** Whether any handler on the chain maps files to iisnode. */
  public boolean hasIisnodeHandlers() {
    return handlers.stream().anyMatch(HandlerMapping::isIisnode);
  }

  /** Short, because resolutions carry configurations into log lines. */
  @Override
  public String toString() {
    return "SiteConfig["
        + folder
        + (error != null ? ", error=" + error.getMessage() : ", chain=" + chain)
        + "]";
  }

  // Map.copyOf would lose the order, which matters for environment variables and error pages.
  private static <V> Map<String, V> unmodifiableOrdered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
