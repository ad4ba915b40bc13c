package io.webgarden.sidecar.site.rewrite;

/**
 * What the engine needs from the request and the site while it runs one rule set. Implemented by
 * the site resolver, per request.
 */
public interface RewriteContext {

  /** The URL as received, decoded and validated. */
  RequestUrl original();

  /**
   * The value of a server variable for the URL as it stands now ({@code REQUEST_FILENAME}, {@code
   * URL} and {@code QUERY_STRING} follow rewrites; {@code REQUEST_URI} stays the original).
   *
   * @param upperName the variable name in upper case, e.g. {@code HTTP_USER_AGENT}
   * @return the value, or an empty string when the variable is unknown or unset
   */
  String serverVariable(String upperName, RequestUrl current);

  /** Decodes and validates a URL produced by a Rewrite action. */
  RequestUrl rewriteTo(String rawPath, String query) throws RejectedUrlException;

  /** {@code matchType="IsFile"}: the input names an existing regular file. */
  boolean isFile(String physicalPath);

  /** {@code matchType="IsDirectory"}: the input names an existing directory. */
  boolean isDirectory(String physicalPath);
}
