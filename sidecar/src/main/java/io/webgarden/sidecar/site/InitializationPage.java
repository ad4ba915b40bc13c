package io.webgarden.sidecar.site;

/**
 * One {@code applicationInitialization/add}: a URL to request when the application starts.
 *
 * @param page the {@code initializationPage} URL path
 * @param hostName the {@code hostName} to send, empty for the default
 */
public record InitializationPage(String page, String hostName, int line) {}
