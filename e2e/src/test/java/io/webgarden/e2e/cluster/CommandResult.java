package io.webgarden.e2e.cluster;

import java.util.List;

/** What a finished command printed and returned. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

  /** Fails, showing the command and both outputs, unless it exited 0. */
  public CommandResult assertSuccess() {
    if (exitCode != 0) {
      throw new AssertionError(describe());
    }
    return this;
  }

  /** The command, its exit code and its output, for assertion messages. */
  public String describe() {
    return String.join(" ", command)
        + " exited "
        + exitCode
        + "\n--- stdout\n"
        + stdout
        + "\n--- stderr\n"
        + stderr;
  }
}
