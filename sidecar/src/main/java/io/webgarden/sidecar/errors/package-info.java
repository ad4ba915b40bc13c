/**
 * Responses the sidecar makes itself rather than the application: every one carries a {@code
 * webgarden-error} header naming the cause, so a user can tell the sidecar's 5xx from the app's.
 * With devErrorsEnabled they are HTML pages that say what went wrong, show the process's last
 * output and the settings that matter, answered with status 200 as iisnode did.
 */
package io.webgarden.sidecar.errors;
