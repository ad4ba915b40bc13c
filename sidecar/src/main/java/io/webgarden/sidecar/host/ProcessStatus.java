package io.webgarden.sidecar.host;

/** A process as {@code GET /apps} shows it. */
public record ProcessStatus(
    long pid,
    ProcessState state,
    int revision,
    int activeRequests,
    long servedRequests,
    long uptimeMillis,
    long residentBytes) {}
