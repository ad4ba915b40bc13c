package io.webgarden.sidecar.site;

/**
 * The request filtering rules, each with the status webgarden answers, IIS's substatus (IIS logs
 * and shows {@code 404.8} for a hidden segment) and the {@code webgarden-error} value.
 *
 * <p>IIS answers every rejection with a 404 and tells the causes apart only by substatus. Where
 * HTTP has a status of its own (413, 414, 431), webgarden answers that instead, so that clients and
 * proxies see what happened; the substatus stays IIS's.
 */
public enum FilterRule {
  DENIED_URL_SEQUENCE(404, 5, "denied-url-sequence", "denyUrlSequences", "a denied URL sequence"),
  DENIED_VERB(404, 6, "denied-verb", "verbs", "a denied HTTP verb"),
  DENIED_FILE_EXTENSION(
      404, 7, "denied-file-extension", "fileExtensions", "a denied file" + " extension"),
  HIDDEN_SEGMENT(404, 8, "hidden-segment", "hiddenSegments", "a hidden segment"),
  HEADER_TOO_LONG(
      431,
      10,
      "header-too-long",
      "requestLimits/headerLimits",
      "a header over its" + " size limit"),
  DOUBLE_ESCAPED(
      404, 11, "double-escaped-url", "allowDoubleEscaping", "a double escape" + " sequence"),
  HIGH_BIT_CHARACTER(
      404, 12, "high-bit-url", "allowHighBitCharacters", "a non-ASCII" + " character"),
  CONTENT_TOO_LONG(
      413,
      13,
      "content-too-large",
      "requestLimits/@maxAllowedContentLength",
      "a body longer than allowed"),
  URL_TOO_LONG(414, 14, "url-too-long", "requestLimits/@maxUrl", "a URL longer than allowed"),
  QUERY_STRING_TOO_LONG(
      404,
      15,
      "query-string-too-long",
      "requestLimits/@maxQueryString",
      "a query string longer than allowed"),
  DENIED_QUERY_STRING_SEQUENCE(
      404,
      18,
      "denied-query-string-sequence",
      "denyQueryStringSequences",
      "a denied query string sequence");

  private final int status;
  private final int subStatus;
  private final String cause;
  private final String setting;
  private final String what;

  FilterRule(int status, int subStatus, String cause, String setting, String what) {
    this.status = status;
    this.subStatus = subStatus;
    this.cause = cause;
    this.setting = setting;
    this.what = what;
  }

  /** The status webgarden answers. */
  public int status() {
    return status;
  }

  /** IIS's substatus: its full code is {@code 404.<subStatus>}. */
  public int subStatus() {
    return subStatus;
  }

  /** IIS's code, e.g. {@code 404.8}. */
  public String iisCode() {
    return "404." + subStatus;
  }

  /** The {@code webgarden-error} header value. */
  public String cause() {
    return cause;
  }

  /** Where in {@code requestFiltering} the rule is configured. */
  public String setting() {
    return setting;
  }

  /** What the request contains, for the error page: "a hidden segment". */
  public String what() {
    return what;
  }
}
