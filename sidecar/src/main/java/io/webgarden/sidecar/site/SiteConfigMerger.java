package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.CollectionEdit.Add;
import io.webgarden.sidecar.site.CollectionEdit.Clear;
import io.webgarden.sidecar.site.CollectionEdit.Remove;
import io.webgarden.sidecar.site.rewrite.ScopedRule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Merges the web.config files of a folder chain the way IIS merges configuration levels. */
final class SiteConfigMerger {
  /** The server-level list of applicationHost.config, which every site inherits. */
  static final List<String> IIS_DEFAULT_DOCUMENTS =
      List.of(
          "Default.htm", "Default.asp", "index.htm", "index.html", "iisstart.htm", "default.aspx");

  private SiteConfigMerger() {}

  /**
   * Merges a chain.
   *
   * @param chain the files, site root first
   * @param folderPrefixes for each file, its folder's URL path ("" or "api/"), for rule scoping
   */
  static SiteConfig merge(Path folder, List<WebConfig> chain, List<String> folderPrefixes) {
    Map<String, HandlerMapping> handlers = new LinkedHashMap<>();
    Map<String, String> documents = new LinkedHashMap<>();
    for (String name : IIS_DEFAULT_DOCUMENTS) {
      documents.put(name.toLowerCase(Locale.ROOT), name);
    }
    boolean documentsEnabled = true;
    Map<String, ScopedRule> rules = new LinkedHashMap<>();
    Map<String, Map.Entry<String, String>> appSettings = new LinkedHashMap<>();
    Map<String, Located> iisnode = new LinkedHashMap<>();
    Map<String, InitializationPage> pages = new LinkedHashMap<>();
    RequestFiltering filtering = ApplicationHost.REQUEST_FILTERING;
    StaticContent statics = ApplicationHost.STATIC_CONTENT;
    HttpErrors httpErrors = ApplicationHost.HTTP_ERRORS;
    UrlCompression compression = UrlCompression.DEFAULTS;
    OutputCaching caching = OutputCaching.SCHEMA_DEFAULTS;
    for (int i = 0; i < chain.size(); i++) {
      WebConfig config = chain.get(i);
      String prefix = folderPrefixes.get(i);
      // IIS schema: handlers and default documents have mergeAppend="false", so a nearer file's
      // entries are tried before the inherited ones; the other collections append.
      handlers = replay(handlers, config.handlers(), true, Function.identity());
      documents = replay(documents, config.defaultDocuments(), true, Function.identity());
      if (config.defaultDocumentEnabled() != null) {
        documentsEnabled = config.defaultDocumentEnabled();
      }
      rules = replay(rules, config.rewriteRules(), false, rule -> new ScopedRule(prefix, rule));
      appSettings = replay(appSettings, config.appSettings(), false, Function.identity());
      iisnode.putAll(config.iisnode());
      pages = replay(pages, config.initializationPages(), false, Function.identity());
      filtering = filtering.with(config.requestFiltering());
      statics = statics.with(config.staticContent());
      httpErrors = httpErrors.with(config.httpErrors());
      compression = compression.with(config.urlCompression());
      caching = caching.with(config.caching());
    }
    Map<String, String> settings = new LinkedHashMap<>();
    appSettings.values().forEach(entry -> settings.put(entry.getKey(), entry.getValue()));
    return new SiteConfig(
        folder,
        chain,
        List.copyOf(handlers.values()),
        documentsEnabled,
        List.copyOf(documents.values()),
        List.copyOf(rules.values()),
        settings,
        iisnode,
        List.copyOf(pages.values()),
        filtering,
        statics,
        httpErrors,
        compression,
        caching,
        null);
  }

  /**
   * Applies one file's edits to the inherited collection.
   *
   * @param nearerFirst whether the file's own entries go before the inherited ones
   */
  static <T, U> Map<String, U> replay(
      Map<String, U> inherited,
      List<CollectionEdit<T>> edits,
      boolean nearerFirst,
      Function<T, U> item) {
    if (edits.isEmpty()) {
      return inherited;
    }
    Map<String, U> kept = new LinkedHashMap<>(inherited);
    Map<String, U> own = new LinkedHashMap<>();
    for (CollectionEdit<T> edit : edits) {
      if (edit instanceof Add<T> add) {
        // IIS rejects a duplicate key; webgarden lets the later entry replace the earlier one.
        kept.remove(add.key());
        own.remove(add.key());
        own.put(add.key(), item.apply(add.item()));
      } else if (edit instanceof Remove<T> remove) {
        kept.remove(remove.key());
        own.remove(remove.key());
      } else if (edit instanceof Clear<T>) {
        kept.clear();
        own.clear();
      }
    }
    Map<String, U> merged = new LinkedHashMap<>(nearerFirst ? own : kept);
    merged.putAll(nearerFirst ? kept : own);
    return merged;
  }
}
