package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.rewrite.RewriteRule;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one web.config file says, before merging with the files of its parent folders. Collections
 * are kept as their edits so that {@code remove} and {@code clear} can act on inherited items.
 *
 * @param file the web.config file
 * @param handlers {@code system.webServer/handlers}
 * @param defaultDocumentEnabled {@code defaultDocument/@enabled}, null when not written
 * @param defaultDocuments {@code defaultDocument/files}
 * @param rewriteRules {@code system.webServer/rewrite/rules}
 * @param iisnode every attribute of {@code system.webServer/iisnode}, raw, in document order
 * @param initializationPages {@code applicationInitialization}
 * @param appSettings {@code configuration/appSettings}, items are the values
 * @param requestFiltering {@code system.webServer/security/requestFiltering}
 * @param staticContent {@code system.webServer/staticContent} and {@code directoryBrowse}
 * @param httpErrors {@code system.webServer/httpErrors}
 * @param urlCompression {@code system.webServer/urlCompression}
 * @param caching {@code system.webServer/caching} (output cache profiles)
 * @param locations {@code <location path="sub/folder">} elements, by folder path relative to this
 *     file's folder, each read as that folder's own file would be
 * @param notes things that were ignored and why, with line numbers, for diagnostics
 */
public record WebConfig(
    Path file,
    List<CollectionEdit<HandlerMapping>> handlers,
    Boolean defaultDocumentEnabled,
    List<CollectionEdit<String>> defaultDocuments,
    List<CollectionEdit<RewriteRule>> rewriteRules,
    Map<String, Located> iisnode,
    List<CollectionEdit<InitializationPage>> initializationPages,
    List<CollectionEdit<Map.Entry<String, String>>> appSettings,
    RequestFilteringSection requestFiltering,
    StaticContentSection staticContent,
    HttpErrorsSection httpErrors,
    UrlCompression urlCompression,
    OutputCachingSection caching,
    Map<String, WebConfig> locations,
    List<String> notes) {

  public WebConfig {
    handlers = List.copyOf(handlers);
    defaultDocuments = List.copyOf(defaultDocuments);
    rewriteRules = List.copyOf(rewriteRules);
    iisnode = Collections.unmodifiableMap(new LinkedHashMap<>(iisnode)); // document order
    initializationPages = List.copyOf(initializationPages);
    appSettings = List.copyOf(appSettings);
    notes = List.copyOf(notes);
    locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
  }

  /** Short, because resolutions that carry whole chains end up in log lines. */
  @Override
  public String toString() {
    return "WebConfig[" + file + "]";
  }
}
