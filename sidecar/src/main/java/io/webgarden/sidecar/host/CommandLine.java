package io.webgarden.sidecar.host;

import io.webgarden.sidecar.apps.AppRevision;
import io.webgarden.sidecar.config.Setting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** nodeProcessCommandLine: its arguments, and the process it starts for a revision's script. */
final class CommandLine {
  private CommandLine() {}

  /** The whole command for {@code script}: the command line, the mode's node flags, the script. */
  static List<String> of(AppRevision revision, Path script) {
    List<String> command =
        new ArrayList<>(split(revision.settings().string(Setting.NODE_PROCESS_COMMAND_LINE)));
    if (command.isEmpty()) {
      command.add("node");
    }
    command.addAll(1, revision.mode().nodeArguments());
    command.add(script.toString());
    return command;
  }

  /**
   * Starts {@code command} in the script's folder with the revision's environment, {@code extra},
   * the lifeline and PORT, wrapped so that it dies with the sidecar.
   */
  static ProcessBuilder builder(
      List<String> command,
      AppRevision revision,
      Path script,
      WorkerAddress address,
      Map<String, String> extra,
      ChildLifetime lifetime)
      throws IOException {
    Map<String, String> env = new HashMap<>(revision.environment());
    env.putAll(extra);
    lifetime.addTo(env);
    env.put("PORT", address.portValue());
    ProcessBuilder builder =
        new ProcessBuilder(
                lifetime.wrap(
                    command, env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""))))
            .directory(script.getParent().toFile());
    builder.environment().putAll(env);
    return builder;
  }

  /** Splits a command line into arguments: whitespace separates, double quotes group. */
  static List<String> split(String commandLine) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean inArg = false;
    for (char c : commandLine.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        inArg = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inArg) {
          args.add(current.toString());
          current.setLength(0);
          inArg = false;
        }
      } else {
        current.append(c);
        inArg = true;
      }
    }
    if (inArg) {
      args.add(current.toString());
    }
    return args;
  }
}
