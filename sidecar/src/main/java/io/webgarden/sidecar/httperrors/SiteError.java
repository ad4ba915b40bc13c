package io.webgarden.sidecar.httperrors;

/**
 * An error response the sidecar makes itself for a site request.
 *
 * @param status the HTTP status
 * @param subStatus IIS's substatus (8 for 404.8), 0 when IIS has none
 * @param cause the {@code webgarden-error} header value
 * @param description what the detailed page says happened, in one sentence
 * @param detail what matched or was missing, for the detailed page only
 */
public record SiteError(
    int status, int subStatus, String cause, String description, String detail) {

  /** {@code 404.8}, or {@code 404} without substatus. */
  public String code() {
    return subStatus > 0 ? status + "." + subStatus : Integer.toString(status);
  }
}
