/**
 * The composition root and the front door. {@link io.webgarden.sidecar.server.Sidecar} builds every
 * part from {@link io.webgarden.sidecar.server.SidecarOptions} and owns the start and the graceful
 * stop; {@link io.webgarden.sidecar.server.HttpVerticle} is one listener of the application port.
 *
 * <p>A request's path starts and stays readable in {@link
 * io.webgarden.sidecar.server.RequestRouter#handle}: a list of named steps (close-if-asked,
 * close-when-stopping, logs, resolve, dispatch, record). The router alone pauses and resumes the
 * request and sets its response hooks; it hands a node application's request to the debugger, the
 * output cache or the proxy (which resume the body when they want it), and everything else to
 * {@link io.webgarden.sidecar.server.SiteAnswers}, which only writes responses.
 */
package io.webgarden.sidecar.server;
