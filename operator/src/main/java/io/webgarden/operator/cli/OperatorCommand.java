package io.webgarden.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar webgarden-operator.jar run|swap}. */
@Command(
    name = "webgarden-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Runs App resources as scaled, swappable web gardens.",
    subcommands = {RunCommand.class, SwapCommand.class})
public final class OperatorCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new OperatorCommand()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run or swap");
  }
}
