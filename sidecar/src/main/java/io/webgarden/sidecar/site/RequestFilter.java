package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.Resolution.Filtered;
import io.webgarden.sidecar.site.rewrite.RequestUrl;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IIS's request filtering module: checks a request against the {@link RequestFiltering} of its
 * folder before anything else looks at it, from the headers alone, so a too-long body is refused
 * before a byte of it is read.
 */
final class RequestFilter {
  private RequestFilter() {}

  /**
   * The rule the request breaks, or null when it passes.
   *
   * @param target what {@link #target} says of the URL's path under {@code filtering}, which
   *     depends on the path alone and so is kept with it ({@link Walked})
   */
  static Filtered check(
      RequestFiltering filtering, RequestFacts request, RequestUrl url, Filtered target) {
    String path = url.path();
    if (request.rawPath().length() > filtering.maxUrl()) {
      return refuse(
          FilterRule.URL_TOO_LONG,
          request.rawPath().length() + " bytes, maxUrl is " + filtering.maxUrl());
    }
    if (request.query().length() > filtering.maxQueryString()) {
      return refuse(
          FilterRule.QUERY_STRING_TOO_LONG,
          request.query().length() + " bytes, maxQueryString is " + filtering.maxQueryString());
    }
    if (!filtering.allowDoubleEscaping() && (path.indexOf('%') >= 0 || path.indexOf('+') >= 0)) {
      // IIS decodes the URL twice and refuses it when the second pass changes it; a '+' counts,
      // as it would decode to a space.
      return refuse(FilterRule.DOUBLE_ESCAPED, "'%' or '+' left after decoding " + path);
    }
    if (!filtering.allowHighBitCharacters() && !(isAscii(path) && isAscii(request.query()))) {
      return refuse(FilterRule.HIGH_BIT_CHARACTER, path);
    }
    Filtered header = headers(filtering, request);
    if (header != null) {
      return header;
    }
    // Lower-cased only when there is a sequence to look for: most sites have none.
    if (!filtering.denyUrlSequences().isEmpty()) {
      String lowerPath = path.toLowerCase(Locale.ROOT);
      for (Map.Entry<String, String> sequence : filtering.denyUrlSequences().entrySet()) {
        if (lowerPath.contains(sequence.getKey())) {
          return refuse(FilterRule.DENIED_URL_SEQUENCE, "'" + sequence.getValue() + "'");
        }
      }
    }
    if (!filtering.denyQueryStringSequences().isEmpty() && !request.query().isEmpty()) {
      String lowerQuery = request.query().toLowerCase(Locale.ROOT);
      for (Map.Entry<String, String> sequence : filtering.denyQueryStringSequences().entrySet()) {
        if (lowerQuery.contains(sequence.getKey())) {
          return refuse(FilterRule.DENIED_QUERY_STRING_SEQUENCE, "'" + sequence.getValue() + "'");
        }
      }
    }
    if (target != null) {
      return target;
    }
    Boolean verb =
        filtering.verbs().isEmpty()
            ? null
            : filtering.verbs().get(request.method().toLowerCase(Locale.ROOT));
    if (verb == null ? !filtering.allowUnlistedVerbs() : !verb) {
      return refuse(FilterRule.DENIED_VERB, request.method());
    }
    return contentLength(filtering, request);
  }

  /**
   * The checks that concern the file a URL names, which also apply after URL Rewrite changed the
   * URL: a rule must not make a hidden folder reachable.
   */
  static Filtered target(RequestFiltering filtering, String path) {
    List<String> segments = UrlPaths.segments(path);
    for (String segment : segments) {
      String hidden = filtering.hiddenSegments().get(segment.toLowerCase(Locale.ROOT));
      if (hidden != null) {
        return refuse(FilterRule.HIDDEN_SEGMENT, "'" + hidden + "'");
      }
    }
    String extension = extension(segments.isEmpty() ? "" : segments.get(segments.size() - 1));
    Boolean allowed = filtering.fileExtensions().get(extension);
    if (allowed == null ? !filtering.allowUnlistedExtensions() : !allowed) {
      return refuse(
          FilterRule.DENIED_FILE_EXTENSION,
          extension.equals(".") ? "no extension" : "'" + extension + "'");
    }
    return null;
  }

  private static Filtered headers(RequestFiltering filtering, RequestFacts request) {
    for (Map.Entry<String, Long> limit : filtering.headerLimits().entrySet()) {
      String value = request.header().apply(limit.getKey());
      if (value != null && value.length() > limit.getValue()) {
        return refuse(
            FilterRule.HEADER_TOO_LONG,
            limit.getKey() + " is " + value.length() + " bytes, its limit " + limit.getValue());
      }
    }
    return null;
  }

  private static Filtered contentLength(RequestFiltering filtering, RequestFacts request) {
    String header = request.header().apply("Content-Length");
    if (header == null) {
      return null;
    }
    long length;
    try {
      length = Long.parseLong(header.trim());
    } catch (NumberFormatException malformed) {
      return null; // the HTTP server refuses a malformed Content-Length itself
    }
    if (length > filtering.maxAllowedContentLength()) {
      return refuse(
          FilterRule.CONTENT_TOO_LONG,
          length + " bytes, maxAllowedContentLength is " + filtering.maxAllowedContentLength());
    }
    return null;
  }

  /** The extension as IIS keys it: {@code ".js"}, or {@code "."} for a name without one. */
  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "." : name.substring(dot).toLowerCase(Locale.ROOT);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static Filtered refuse(FilterRule rule, String detail) {
    return new Filtered(rule, detail);
  }
}
