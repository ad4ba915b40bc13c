package io.webgarden.sidecar.site;

import java.util.List;

/**
 * What one web.config's {@code system.webServer/httpErrors} says, before merging; a null scalar was
 * not written.
 */
public record HttpErrorsSection(
    HttpErrors.ErrorMode errorMode,
    HttpErrors.ExistingResponse existingResponse,
    HttpErrors.ResponseMode defaultResponseMode,
    String defaultPath,
    List<CollectionEdit<HttpErrors.ErrorPage>> pages) {

  static final HttpErrorsSection NONE = new HttpErrorsSection(null, null, null, null, List.of());

  public HttpErrorsSection {
    pages = List.copyOf(pages);
  }
}
