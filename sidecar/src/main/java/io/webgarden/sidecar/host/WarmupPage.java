package io.webgarden.sidecar.host;

/**
 * A page requested from each new process before it takes traffic (IIS Application Initialization).
 *
 * @param path the URL path, e.g. {@code /warm}
 * @param hostName the Host header to send; empty means {@code localhost}
 */
public record WarmupPage(String path, String hostName) {}
