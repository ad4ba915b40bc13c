package io.webgarden.sidecar.host;

import io.vertx.core.net.SocketAddress;

/**
 * Where one node process listens: a unix socket path, or a loopback port where unix sockets are
 * unavailable. {@link #portValue()} is what the process receives in PORT.
 */
public record WorkerAddress(SocketAddress socketAddress, String portValue) {}
