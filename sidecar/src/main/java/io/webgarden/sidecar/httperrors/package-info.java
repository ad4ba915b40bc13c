/**
 * IIS's custom error module ({@code system.webServer/httpErrors}) for the error responses the
 * sidecar makes itself while serving a site: not found, request filtering, refusals, unmapped MIME
 * types. {@link io.webgarden.sidecar.httperrors.HttpErrorPages} answers each with IIS's detailed
 * page, a custom page (a file, another URL of the site, or a redirect) or IIS's built-in page, as
 * {@code errorMode} and the client's address decide; with {@code existingResponse="PassThrough"}
 * the sidecar's bare response stands.
 *
 * <p>Responses from node applications are not touched, whatever {@code existingResponse} says: the
 * app's own error pages reach the client (see docs/configuration.md for why). May import Vert.x,
 * the site model's records and the errors package.
 */
package io.webgarden.sidecar.httperrors;
