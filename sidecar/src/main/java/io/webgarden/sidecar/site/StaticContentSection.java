package io.webgarden.sidecar.site;

import java.time.Duration;
import java.util.List;

/**
 * What one web.config's {@code system.webServer/staticContent} and {@code directoryBrowse} say,
 * before merging. A null scalar was not written and is inherited.
 *
 * @param mimeMaps {@code staticContent/mimeMap}, items are MIME types, keyed by extension
 * @param cacheControlMode {@code clientCache/@cacheControlMode}
 * @param cacheControlMaxAge {@code clientCache/@cacheControlMaxAge}
 * @param httpExpires {@code clientCache/@httpExpires}
 * @param cacheControlCustom {@code clientCache/@cacheControlCustom}
 * @param setEtag {@code clientCache/@setEtag}
 * @param directoryBrowse {@code directoryBrowse/@enabled}
 * @param showFlags {@code directoryBrowse/@showFlags}
 */
public record StaticContentSection(
    List<CollectionEdit<String>> mimeMaps,
    ClientCache.Mode cacheControlMode,
    Duration cacheControlMaxAge,
    String httpExpires,
    String cacheControlCustom,
    Boolean setEtag,
    Boolean directoryBrowse,
    ListingColumns showFlags) {

  static final StaticContentSection NONE =
      new StaticContentSection(List.of(), null, null, null, null, null, null, null);

  public StaticContentSection {
    mimeMaps = List.copyOf(mimeMaps);
  }
}
