/**
 * The admin port: {@code /healthz} (liveness: the event loop answers), {@code /readyz}
 * (readiness: the sidecar is serving and not shutting down) and {@code /metrics} (Prometheus
 * text). It is a separate server so that probes and scrapes never queue behind app traffic.
 */
package io.webgarden.sidecar.admin;
