package io.webgarden.sidecar.httperrors;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import io.webgarden.sidecar.site.HttpErrors;
import io.webgarden.sidecar.site.HttpErrors.ErrorPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the sidecar's own error for a site request as IIS's custom error module would: with
 * {@code errorMode="Detailed"} (or DetailedLocalOnly and a loopback client) IIS's detailed page,
 * else the configured {@code error} page for the status (File, ExecuteURL or Redirect) or IIS's
 * built-in page. The status stays the error's own; the {@code webgarden-error} header stays too.
 */
public final class HttpErrorPages {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrorPages.class);
  private static final String HTML = "text/html; charset=utf-8";

  private final Path siteRoot;
  private final ErrorResponder errors;

  /**
   * @param siteRoot File pages must stay inside it (after following links)
   * @param errors writes the answers, IIS's pages and the plain one PassThrough leaves standing
   */
  public HttpErrorPages(Path siteRoot, ErrorResponder errors) {
    this.siteRoot = siteRoot;
    this.errors = errors;
  }

  /**
   * Sends the error.
   *
   * @param config the httpErrors of the request's folder
   * @param executeUrl the static file an ExecuteURL path names, or null when it names none
   */
  public void send(
      HttpServerRequest request,
      HttpErrors config,
      SiteError error,
      Function<String, Path> executeUrl) {
    SidecarError bare = SidecarError.of(error.status(), error.cause(), error.description());
    if (config.existingResponse() == HttpErrors.ExistingResponse.PASS_THROUGH) {
      errors.send(request, bare, false);
      return;
    }
    if (detailed(config, request)) {
      errors.sendPage(request, bare, IisPages.detailed(error, request.uri()));
      return;
    }
    ErrorPage page = config.page(error.status(), error.subStatus());
    if (page == null && !config.defaultPath().isEmpty()) {
      page =
          new ErrorPage(
              error.status(), -1, config.defaultPath(), config.defaultResponseMode(), null);
    }
    if (page == null) {
      errors.sendPage(request, bare, IisPages.builtIn(error.status()));
      return;
    }
    switch (page.mode()) {
      case REDIRECT ->
          request
              .response()
              .setStatusCode(302)
              .putHeader(ErrorResponder.ERROR_HEADER, error.cause())
              .putHeader(HttpHeaders.LOCATION, page.path())
              .end();
      case EXECUTE_URL -> file(request, executeUrl.apply(page.path()), error);
      default -> file(request, page.file(), error);
    }
  }

  private static boolean detailed(HttpErrors config, HttpServerRequest request) {
    return switch (config.errorMode()) {
      case DETAILED -> true;
      case CUSTOM -> false;
      case DETAILED_LOCAL_ONLY ->
          request.remoteAddress() != null && isLoopback(request.remoteAddress().hostAddress());
    };
  }

  private static boolean isLoopback(String address) {
    return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
  }

  /**
   * Sends a custom page's file with the error's status; IIS's page when it cannot. The file is the
   * site's own, sent as it is from disk, so it is the one error answer the writer does not write.
   */
  private void file(HttpServerRequest request, Path file, SiteError error) {
    SidecarError bare = SidecarError.of(error.status(), error.cause(), error.description());
    Path safe = inside(file);
    if (safe == null) {
      if (file != null) {
        LOG.warn(
            "httpErrors page {} for {} is missing or outside the site; sent IIS's page",
            file,
            error.code());
      }
      errors.sendPage(request, bare, IisPages.builtIn(error.status()));
      return;
    }
    HttpServerResponse response =
        request
            .response()
            .setStatusCode(error.status())
            .putHeader(ErrorResponder.ERROR_HEADER, error.cause())
            .putHeader(HttpHeaders.CONTENT_TYPE, HTML);
    if (HttpMethod.HEAD.equals(request.method())) {
      response.end();
      return;
    }
    response
        .sendFile(safe.toString())
        .onFailure(
            failure -> {
              LOG.warn("httpErrors page {} could not be sent: {}", safe, failure.toString());
              errors.sendPage(request, bare, IisPages.builtIn(error.status()));
            });
  }

  private Path inside(Path file) {
    if (file == null) {
      return null;
    }
    try {
      Path real = file.toRealPath();
      return real.startsWith(siteRoot.toRealPath()) && Files.isRegularFile(real) ? real : null;
    } catch (IOException | SecurityException missing) {
      return null;
    }
  }
}
