package io.webgarden.sidecar.statics;

import io.vertx.core.MultiMap;
import io.vertx.core.file.FileProps;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A file's validators ({@code ETag}, {@code Last-Modified}) and the evaluation of conditional
 * request headers against them, in the order RFC 9110 section 13.2.2 prescribes.
 *
 * <p>The entity tag is strong and derived from the modification time (milliseconds) and the size,
 * as nginx derives its own: the sidecar sends stored bytes unchanged, so byte ranges of two
 * responses with the same tag can be combined. Last-Modified has one-second resolution, so date
 * comparisons truncate the file's time to seconds.
 */
record Validators(String etag, long lastModifiedSeconds, long size) {

  private static final String IF_UNMODIFIED_SINCE = "If-Unmodified-Since";

  /** The outcome of evaluating the request's preconditions. */
  enum Outcome {
    PROCEED,
    NOT_MODIFIED,
    PRECONDITION_FAILED
  }

  static Validators of(FileProps props) {
    long millis = props.lastModifiedTime();
    String tag = '"' + Long.toHexString(millis) + '-' + Long.toHexString(props.size()) + '"';
    return new Validators(tag, Math.floorDiv(millis, 1000L), props.size());
  }

  String lastModified() {
    return HttpDates.format(lastModifiedSeconds);
  }

  /** Evaluates If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since for GET/HEAD. */
  Outcome evaluate(MultiMap headers) {
    String ifMatch = headers.get(HttpHeaders.IF_MATCH);
    if (ifMatch != null) {
      if (!matches(ifMatch, false)) {
        return Outcome.PRECONDITION_FAILED;
      }
    } else if (changedAfter(headers.get(IF_UNMODIFIED_SINCE))) {
      return Outcome.PRECONDITION_FAILED;
    }
    String ifNoneMatch = headers.get(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      return matches(ifNoneMatch, true) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
    }
    String ifModifiedSince = headers.get(HttpHeaders.IF_MODIFIED_SINCE);
    if (HttpDates.parse(ifModifiedSince).isPresent() && !changedAfter(ifModifiedSince)) {
      return Outcome.NOT_MODIFIED;
    }
    return Outcome.PROCEED;
  }

  /**
   * Whether a {@code Range} may be honoured given {@code If-Range} (RFC 9110 section 13.1.5): an
   * entity tag must match strongly, a date must equal Last-Modified exactly.
   */
  boolean rangeApplies(String ifRange) {
    if (ifRange == null) {
      return true;
    }
    String value = ifRange.trim();
    if (value.startsWith("\"") || value.startsWith("W/")) {
      return !value.startsWith("W/") && value.equals(etag);
    }
    OptionalLong date = HttpDates.parse(value);
    return date.isPresent() && date.getAsLong() == lastModifiedSeconds;
  }

  /** True when the header holds a valid HTTP-date and the file changed after it. */
  private boolean changedAfter(String dateHeader) {
    OptionalLong date = HttpDates.parse(dateHeader);
    return date.isPresent() && lastModifiedSeconds > date.getAsLong();
  }

  /**
   * Matches a list of entity tags (or {@code *}) against ours. Weak comparison ignores the {@code
   * W/} prefix on both sides (If-None-Match); strong comparison never matches a weak tag
   * (If-Match).
   */
  private boolean matches(String list, boolean weak) {
    if (list.trim().equals("*")) {
      return true;
    }
    for (String candidate : entityTags(list)) {
      boolean isWeak = candidate.startsWith("W/");
      String opaque = isWeak ? candidate.substring(2) : candidate;
      if ((weak || !isWeak) && opaque.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /** Splits an entity-tag list, honouring quotes so a comma inside a tag does not split it. */
  static List<String> entityTags(String list) {
    List<String> tags = new ArrayList<>();
    int i = 0;
    int n = list.length();
    while (i < n) {
      char c = list.charAt(i);
      if (c == ',' || c == ' ' || c == '\t') {
        i++;
        continue;
      }
      int start = i;
      if (list.startsWith("W/", i)) {
        i += 2;
      }
      if (i < n && list.charAt(i) == '"') {
        int close = list.indexOf('"', i + 1);
        i = close < 0 ? n : close + 1;
      } else {
        while (i < n && list.charAt(i) != ',') {
          i++;
        }
      }
      tags.add(list.substring(start, i).trim());
    }
    return tags;
  }
}
