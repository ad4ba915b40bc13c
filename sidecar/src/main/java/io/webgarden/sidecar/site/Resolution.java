package io.webgarden.sidecar.site;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** Where a request goes, as IIS, iisnode and URL Rewrite would decide it. */
public sealed interface Resolution {

  /**
   * A node application handles the request. The process must see the original request URL, not
   * {@code rewrittenUrl}.
   *
   * @param script the entry-point file
   * @param scriptUrl the site-relative URL path of the script, e.g. {@code /app/hello.js}
   * @param pathInfo what follows the script in the URL ({@code /some/path}), empty when nothing
   * @param chain the web.config files that apply to the script's folder, site root first
   * @param config the merged configuration of the script's folder
   * @param rewrittenUrl the URL after URL Rewrite (path and query), for diagnostics only
   */
  record NodeApp(
      Path script,
      String scriptUrl,
      String pathInfo,
      List<WebConfig> chain,
      SiteConfig config,
      String rewrittenUrl)
      implements Resolution {
    public NodeApp {
      chain = List.copyOf(chain);
    }
  }

  /** A regular file under the root, to be served as static content. */
  record StaticFile(Path file, SiteConfig config) implements Resolution {}

  /** Answer with a redirect; {@code location} is a path or an absolute URL. */
  record Redirect(int status, String location) implements Resolution {}

  /**
   * A folder without default document, listed because {@code directoryBrowse} is enabled.
   *
   * @param folder the folder, absolute
   * @param urlPath its URL path, ending in '/'
   * @param columns what each line shows
   * @param shown which entry names may appear (hidden files and segments do not)
   */
  record DirectoryListing(
      Path folder, String urlPath, ListingColumns columns, Predicate<String> shown)
      implements Resolution {}

  /** A URL Rewrite CustomResponse action. */
  record CustomResponse(int status, String reason, String description) implements Resolution {}

  /** A URL Rewrite AbortRequest action: close the connection without a response. */
  record Abort() implements Resolution {}

  /** The request is refused (400 malformed, 403 traversal or no listing, 405 verb, 502 ARR). */
  record Refused(int status, String reason) implements Resolution {}

  /**
   * IIS request filtering refused the request.
   *
   * @param rule the rule it broke, with the status and IIS substatus to answer
   * @param detail what matched, for logs and detailed error pages
   */
  record Filtered(FilterRule rule, String detail) implements Resolution {}

  /** Nothing to serve; {@code reason} is for logs, not for the client. */
  record NotFound(String reason) implements Resolution {}

  /** A web.config on the request's chain cannot be used. */
  record ConfigError(Path file, int line, String message) implements Resolution {}
}
