package io.webgarden.sidecar.host;

import java.util.ArrayList;
import java.util.List;

/** Splits nodeProcessCommandLine into arguments: whitespace separates, double quotes group. */
final class CommandLine {
  private CommandLine() {}

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
