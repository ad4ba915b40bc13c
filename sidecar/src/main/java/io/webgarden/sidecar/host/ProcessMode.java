package io.webgarden.sidecar.host;

import java.util.List;

/**
 * Whether processes run normally or under the inspector (integrated debugging).
 *
 * @param nodeArguments arguments inserted after the node executable, e.g. {@code
 *     --inspect=127.0.0.1:5058}
 * @param inspectorPort the inspector's loopback port, 0 when not debugging
 */
public record ProcessMode(List<String> nodeArguments, int inspectorPort) {
  public static final ProcessMode NORMAL = new ProcessMode(List.of(), 0);

  public ProcessMode {
    nodeArguments = List.copyOf(nodeArguments);
  }

  public boolean debug() {
    return inspectorPort > 0;
  }
}
