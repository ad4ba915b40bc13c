/**
 * The composition root and the front door. {@link io.webgarden.sidecar.server.Sidecar} builds every
 * part from {@link io.webgarden.sidecar.server.SidecarOptions} and owns the start and the graceful
 * stop; {@link io.webgarden.sidecar.server.RequestRouter} takes each request, asks the site what it
 * is, and hands it to the proxy, the static file responder or an error response.
 */
package io.webgarden.sidecar.server;
