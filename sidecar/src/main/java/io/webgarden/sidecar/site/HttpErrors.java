package io.webgarden.sidecar.site;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code system.webServer/httpErrors} in effect for a folder: how error responses the server makes
 * itself are answered, merged from applicationHost.config down the chain.
 *
 * @param errorMode {@code @errorMode}
 * @param existingResponse {@code @existingResponse}
 * @param defaultResponseMode {@code @defaultResponseMode}, for entries that do not say
 * @param defaultPath {@code @defaultPath}: the page for statuses without an entry, or empty
 * @param pages {@code error} entries by key {@code "404.-1"}
 */
public record HttpErrors(
    ErrorMode errorMode,
    ExistingResponse existingResponse,
    ResponseMode defaultResponseMode,
    String defaultPath,
    Map<String, ErrorPage> pages) {

  static final HttpErrors SCHEMA_DEFAULTS =
      new HttpErrors(
          ErrorMode.DETAILED_LOCAL_ONLY, ExistingResponse.AUTO, ResponseMode.FILE, "", Map.of());

  public HttpErrors {
    pages = Map.copyOf(pages);
  }

  /** {@code @errorMode}. */
  public enum ErrorMode {
    DETAILED_LOCAL_ONLY,
    CUSTOM,
    DETAILED
  }

  /** {@code @existingResponse}. */
  public enum ExistingResponse {
    AUTO,
    REPLACE,
    PASS_THROUGH
  }

  /** {@code error/@responseMode}. */
  public enum ResponseMode {
    FILE,
    EXECUTE_URL,
    REDIRECT
  }

  /**
   * One {@code error} entry.
   *
   * @param subStatus the IIS substatus it is for, -1 for any
   * @param path as written: a file path (File), a site URL (ExecuteURL) or a URL (Redirect)
   * @param file for File, the file it names, resolved against the folder of the web.config that
   *     declared it; null when the path leaves the site or names an IIS folder such as {@code
   *     %SystemDrive%\inetpub\custerr}, which the built-in page stands for
   */
  public record ErrorPage(int status, int subStatus, String path, ResponseMode mode, Path file) {}

  /** The page for a status and substatus: the exact entry, else the status's -1 entry, or null. */
  public ErrorPage page(int status, int subStatus) {
    ErrorPage exact = pages.get(key(status, subStatus));
    return exact != null ? exact : pages.get(key(status, -1));
  }

  static String key(int status, int subStatus) {
    return status + "." + subStatus;
  }

  /** This configuration with one more file's section applied on top. */
  HttpErrors with(HttpErrorsSection own) {
    if (own == HttpErrorsSection.NONE) {
      return this;
    }
    return new HttpErrors(
        own.errorMode() != null ? own.errorMode() : errorMode,
        own.existingResponse() != null ? own.existingResponse() : existingResponse,
        own.defaultResponseMode() != null ? own.defaultResponseMode() : defaultResponseMode,
        own.defaultPath() != null ? own.defaultPath() : defaultPath,
        SiteConfigMerger.replay(pages, own.pages(), false, page -> page));
  }
}
