package io.webgarden.sidecar.server;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.Failures;
import io.webgarden.sidecar.httperrors.HttpErrorPages;
import io.webgarden.sidecar.httperrors.SiteError;
import io.webgarden.sidecar.site.ClientCache;
import io.webgarden.sidecar.site.FilterRule;
import io.webgarden.sidecar.site.Resolution;
import io.webgarden.sidecar.site.SiteResolver;
import io.webgarden.sidecar.site.StaticContent;
import io.webgarden.sidecar.statics.DirectoryListing;
import io.webgarden.sidecar.statics.ServeOptions;
import io.webgarden.sidecar.statics.StaticFileResponder;

/**
 * Answers every resolution that is not a node application, on the event loop, as IIS's own modules
 * would: static files, folder listings, redirects, rewrite rules' custom responses and aborts, and
 * the sidecar's errors for the site (request filtering, refusals, 404, invalid configuration). The
 * router has resumed the request and set its hooks; this class only writes responses.
 */
final class SiteAnswers {
  private final SiteResolver site;
  private final StaticFileResponder statics;
  private final DirectoryListing listings;
  private final ErrorResponder errors;
  private final HttpErrorPages pages;
  private final boolean devErrors;

  /**
   * @param devErrors the sidecar-wide devErrorsEnabled, for a configuration error that belongs to
   *     no application
   */
  SiteAnswers(
      SiteResolver site,
      StaticFileResponder statics,
      DirectoryListing listings,
      ErrorResponder errors,
      HttpErrorPages pages,
      boolean devErrors) {
    this.site = site;
    this.statics = statics;
    this.listings = listings;
    this.errors = errors;
    this.pages = pages;
    this.devErrors = devErrors;
  }

  void answer(HttpServerRequest request, Resolution resolution) {
    if (resolution instanceof Resolution.StaticFile file) {
      serveStatic(request, file);
    } else if (resolution instanceof Resolution.DirectoryListing listing) {
      listings.respond(
          request, listing.folder(), listing.urlPath(), listing.columns(), listing.shown());
    } else if (resolution instanceof Resolution.Redirect redirect) {
      request
          .response()
          .setStatusCode(redirect.status())
          .putHeader("Location", redirect.location())
          .end();
    } else if (resolution instanceof Resolution.CustomResponse custom) {
      HttpServerResponse response = request.response().setStatusCode(custom.status());
      if (!custom.reason().isEmpty()) {
        response.setStatusMessage(custom.reason());
      }
      response
          .putHeader(ErrorResponder.ERROR_HEADER, "rewrite-custom-response")
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(custom.description());
    } else if (resolution instanceof Resolution.Abort) {
      request.connection().close();
    } else if (resolution instanceof Resolution.Filtered filtered) {
      refuseFiltered(request, filtered);
    } else if (resolution instanceof Resolution.Refused refused) {
      siteError(
          request,
          new SiteError(
              refused.status(),
              0,
              "refused",
              "The server refuses this request.",
              refused.reason()));
    } else if (resolution instanceof Resolution.ConfigError error) {
      configError(request, error.file().toString(), error.line(), error.message());
    } else {
      siteError(
          request,
          new SiteError(
              404,
              0,
              "not-found",
              "The resource you are looking for"
                  + " has been removed, had its name changed, or is temporarily unavailable.",
              "Nothing is served at " + request.path() + "."));
    }
  }

  /** The configuration of the request's folder or application is invalid: say where. */
  void configError(HttpServerRequest request, String file, int line, String problem) {
    errors.send(request, Failures.configError(file, line, problem), devErrors);
  }

  /** IIS's static file handler: the site's MIME map and client cache decide the headers. */
  private void serveStatic(HttpServerRequest request, Resolution.StaticFile file) {
    StaticContent content = file.config().staticContent();
    ClientCache cache = content.clientCache();
    String name = file.file().getFileName().toString();
    String type = content.mimeType(name);
    if (type == null) {
      siteError(
          request,
          new SiteError(
              404,
              3,
              "mime-type-not-mapped",
              "The page you are"
                  + " requesting cannot be served because of the extension configuration.",
              "staticContent has no mimeMap for this file's extension; add one to web.config."));
      return;
    }
    statics.respond(
        request,
        file.file(),
        new ServeOptions(
            type, cache.headers(), cache.setEtag(), file.config().urlCompression().staticFiles()));
  }

  /** IIS request filtering said no: answer without reading a byte of the body. */
  void refuseFiltered(HttpServerRequest request, Resolution.Filtered filtered) {
    FilterRule rule = filtered.rule();
    siteError(
        request,
        new SiteError(
            rule.status(),
            rule.subStatus(),
            rule.cause(),
            "The request filtering module is configured to deny a request that contains "
                + rule.what()
                + ".",
            filtered.detail()
                + "; see security/requestFiltering/"
                + rule.setting()
                + " in web.config."));
  }

  /** The sidecar's own error for a site request, as the folder's httpErrors say. */
  private void siteError(HttpServerRequest request, SiteError error) {
    pages.send(request, site.httpErrors(request.path()), error, site::staticFile);
  }
}
