package io.webgarden.sidecar.site;

import java.util.Map;

/**
 * The static content configuration in effect for a folder: {@code staticContent} (MIME map, client
 * cache) and {@code directoryBrowse}, merged from applicationHost.config down the chain.
 *
 * @param mimeTypes lower-case extension ({@code ".css"}, {@code "."} for none, {@code ".*"} for
 *     any) → MIME type
 * @param clientCache the caching headers of static files
 * @param directoryBrowse whether a folder without default document is listed
 * @param showFlags what the listing shows
 */
public record StaticContent(
    Map<String, String> mimeTypes,
    ClientCache clientCache,
    boolean directoryBrowse,
    ListingColumns showFlags) {

  static final StaticContent SCHEMA_DEFAULTS =
      new StaticContent(Map.of(), ClientCache.DEFAULTS, false, ListingColumns.DEFAULTS);

  public StaticContent {
    mimeTypes = Map.copyOf(mimeTypes);
  }

  /**
   * The MIME type IIS's static file handler sends a file name with, or null when the map has no
   * entry for its extension (IIS then answers 404.3).
   */
  public String mimeType(String fileName) {
    String type = mimeTypes.get(RequestFilter.extension(fileName));
    return type != null ? type : mimeTypes.get(".*");
  }

  /** This configuration with one more file's section applied on top. */
  StaticContent with(StaticContentSection own) {
    if (own == StaticContentSection.NONE) {
      return this;
    }
    ClientCache cache =
        new ClientCache(
            pick(own.cacheControlMode(), clientCache.mode()),
            pick(own.cacheControlMaxAge(), clientCache.maxAge()),
            pick(own.httpExpires(), clientCache.httpExpires()),
            pick(own.cacheControlCustom(), clientCache.custom()),
            pick(own.setEtag(), clientCache.setEtag()));
    return new StaticContent(
        SiteConfigMerger.replay(mimeTypes, own.mimeMaps(), false, type -> type),
        cache,
        pick(own.directoryBrowse(), directoryBrowse),
        pick(own.showFlags(), showFlags));
  }

  private static <T> T pick(T own, T inherited) {
    return own != null ? own : inherited;
  }

  /** Short: the map has hundreds of entries. */
  @Override
  public String toString() {
    return "StaticContent["
        + mimeTypes.size()
        + " MIME types, "
        + clientCache
        + ", directoryBrowse="
        + directoryBrowse
        + "]";
  }
}
