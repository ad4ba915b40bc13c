package io.webgarden.sidecar.site.rewrite;

/**
 * A URL as the rewrite engine sees it at one moment of the rule set.
 *
 * @param rawPath the path as sent (or as produced by a rewrite), still percent-encoded, with a
 *     leading slash
 * @param path the decoded and validated path, with a leading slash and no dot segments
 * @param query the raw query string without {@code ?}; empty when there is none
 */
public record RequestUrl(String rawPath, String path, String query) {

  /** The raw path followed by {@code ?query} when there is a query. */
  public String rawPathAndQuery() {
    return query.isEmpty() ? rawPath : rawPath + '?' + query;
  }
}
