package io.webgarden.sidecar.debug;

import io.webgarden.sidecar.config.PortRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;

/** Finds a free loopback port in debuggerPortRange for the inspector. Blocking. */
final class InspectorPorts {
  private InspectorPorts() {}

  static OptionalInt free(PortRange range) {
    for (int port = range.low(); port <= range.high(); port++) {
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return OptionalInt.of(port);
      } catch (IOException taken) {
        // try the next one
      }
    }
    return OptionalInt.empty();
  }
}
