package io.webgarden.sidecar.site;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The request filtering in effect for a folder ({@code system.webServer/security/requestFiltering}
 * merged from applicationHost.config's defaults down the web.config chain). Keys are lower case.
 *
 * @param headerLimits header name → maximum value length in bytes
 * @param fileExtensions extension ({@code ".js"}, {@code "."} for none) → allowed
 * @param verbs verb → allowed
 * @param hiddenSegments lower-case segment → as written
 * @param denyUrlSequences lower-case sequence → as written
 * @param denyQueryStringSequences lower-case sequence → as written
 */
public record RequestFiltering(
    boolean allowDoubleEscaping,
    boolean allowHighBitCharacters,
    long maxAllowedContentLength,
    long maxUrl,
    long maxQueryString,
    Map<String, Long> headerLimits,
    boolean allowUnlistedExtensions,
    Map<String, Boolean> fileExtensions,
    boolean allowUnlistedVerbs,
    Map<String, Boolean> verbs,
    Map<String, String> hiddenSegments,
    Map<String, String> denyUrlSequences,
    Map<String, String> denyQueryStringSequences) {

  /** The attribute defaults of IIS's schema (IIS_schema.xml), with empty collections. */
  static final RequestFiltering SCHEMA_DEFAULTS =
      new RequestFiltering(
          false,
          true,
          30_000_000L,
          4096,
          2048,
          Map.of(),
          true,
          Map.of(),
          true,
          Map.of(),
          Map.of(),
          Map.of(),
          Map.of());

  public RequestFiltering {
    headerLimits = Map.copyOf(headerLimits);
    fileExtensions = Map.copyOf(fileExtensions);
    verbs = Map.copyOf(verbs);
    hiddenSegments = Map.copyOf(hiddenSegments);
    denyUrlSequences = ordered(denyUrlSequences);
    denyQueryStringSequences = ordered(denyQueryStringSequences);
  }

  /** This configuration with one more file's section applied on top. */
  RequestFiltering with(RequestFilteringSection own) {
    if (own == RequestFilteringSection.NONE) {
      return this;
    }
    return new RequestFiltering(
        pick(own.allowDoubleEscaping(), allowDoubleEscaping),
        pick(own.allowHighBitCharacters(), allowHighBitCharacters),
        pick(own.maxAllowedContentLength(), maxAllowedContentLength),
        pick(own.maxUrl(), maxUrl),
        pick(own.maxQueryString(), maxQueryString),
        append(headerLimits, own.headerLimits()),
        pick(own.allowUnlistedExtensions(), allowUnlistedExtensions),
        append(fileExtensions, own.fileExtensions()),
        pick(own.allowUnlistedVerbs(), allowUnlistedVerbs),
        append(verbs, own.verbs()),
        append(hiddenSegments, own.hiddenSegments()),
        append(denyUrlSequences, own.denyUrlSequences()),
        append(denyQueryStringSequences, own.denyQueryStringSequences()));
  }

  private static <T> Map<String, T> append(Map<String, T> inherited, List<CollectionEdit<T>> own) {
    return SiteConfigMerger.replay(inherited, own, false, Function.identity());
  }

  private static <T> T pick(T own, T inherited) {
    return own != null ? own : inherited;
  }

  private static Map<String, String> ordered(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
