/**
 * The admin port: {@code /healthz} (liveness: the event loop answers), {@code /readyz} (readiness:
 * serving, not shutting down, and with readinessIncludesApplications every preloaded application
 * ready; the body names each application that is not, see {@link
 * io.webgarden.sidecar.admin.Readiness}), {@code /metrics} (Prometheus text), {@code GET /apps}
 * (every application with its processes), {@code POST /apps/{app}/recycle} and {@code
 * /apps/{app}/logs/}. It is a separate server so that probes and scrapes never queue behind app
 * traffic; it listens on all interfaces like the app port, so restrict it in the cluster.
 */
package io.webgarden.sidecar.admin;
