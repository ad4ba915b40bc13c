package io.webgarden.sidecar.site;

import java.util.List;

/**
 * What one web.config's {@code system.webServer/security/requestFiltering} says, before merging. A
 * null scalar was not written in the file and is inherited.
 *
 * @param allowDoubleEscaping {@code @allowDoubleEscaping}
 * @param allowHighBitCharacters {@code @allowHighBitCharacters}
 * @param maxAllowedContentLength {@code requestLimits/@maxAllowedContentLength}, bytes
 * @param maxUrl {@code requestLimits/@maxUrl}, bytes of the path
 * @param maxQueryString {@code requestLimits/@maxQueryString}, bytes
 * @param headerLimits {@code requestLimits/headerLimits}, items are size limits in bytes
 * @param allowUnlistedExtensions {@code fileExtensions/@allowUnlisted}
 * @param fileExtensions {@code fileExtensions}, items say whether the extension is allowed
 * @param allowUnlistedVerbs {@code verbs/@allowUnlisted}
 * @param verbs {@code verbs}, items say whether the verb is allowed
 * @param hiddenSegments {@code hiddenSegments}, items are the segments as written
 * @param denyUrlSequences {@code denyUrlSequences}, items are the sequences as written
 * @param denyQueryStringSequences {@code denyQueryStringSequences}, items as written
 */
public record RequestFilteringSection(
    Boolean allowDoubleEscaping,
    Boolean allowHighBitCharacters,
    Long maxAllowedContentLength,
    Long maxUrl,
    Long maxQueryString,
    List<CollectionEdit<Long>> headerLimits,
    Boolean allowUnlistedExtensions,
    List<CollectionEdit<Boolean>> fileExtensions,
    Boolean allowUnlistedVerbs,
    List<CollectionEdit<Boolean>> verbs,
    List<CollectionEdit<String>> hiddenSegments,
    List<CollectionEdit<String>> denyUrlSequences,
    List<CollectionEdit<String>> denyQueryStringSequences) {

  /** A file that does not mention request filtering. */
  static final RequestFilteringSection NONE =
      new RequestFilteringSection(
          null, null, null, null, null, List.of(), null, List.of(), null, List.of(), List.of(),
          List.of(), List.of());

  public RequestFilteringSection {
    headerLimits = List.copyOf(headerLimits);
    fileExtensions = List.copyOf(fileExtensions);
    verbs = List.copyOf(verbs);
    hiddenSegments = List.copyOf(hiddenSegments);
    denyUrlSequences = List.copyOf(denyUrlSequences);
    denyQueryStringSequences = List.copyOf(denyQueryStringSequences);
  }
}
