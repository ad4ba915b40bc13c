/**
 * Responses the sidecar makes itself rather than the application: every one carries a {@code
 * webgarden-error} header naming the cause, so a user can tell the sidecar's 5xx from the app's.
 * With devErrorsEnabled they are HTML pages that say what went wrong, show the process's last
 * output and the settings that matter, answered with status 200 as iisnode did.
 *
 * <p>{@link io.webgarden.sidecar.errors.ErrorResponder} is the one writer of those responses, and
 * {@link io.webgarden.sidecar.errors.Failures} the one mapping from a failure to what they say. A
 * ground-floor package: it imports nothing of ours; the packages above implement {@link
 * io.webgarden.sidecar.errors.SidecarFailure} on their exceptions.
 */
package io.webgarden.sidecar.errors;
