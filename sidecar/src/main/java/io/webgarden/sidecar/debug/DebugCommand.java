package io.webgarden.sidecar.debug;

import java.util.Optional;

/** What a request to {@code …/debug/} asks for, by its query (iisnode's commands). */
enum DebugCommand {
  DEBUG,
  BREAK,
  KILL;

  static final String UNRECOGNIZED =
      "Unrecognized debugging command. Supported commands are"
          + " ?debug (default), ?brk, and ?kill.";

  /** Empty for a query that names no known command. */
  static Optional<DebugCommand> of(String query) {
    if (query == null || query.isEmpty() || query.equals("debug")) {
      return Optional.of(DEBUG);
    }
    return switch (query) {
      case "brk" -> Optional.of(BREAK);
      case "kill" -> Optional.of(KILL);
      default -> Optional.empty();
    };
  }
}
