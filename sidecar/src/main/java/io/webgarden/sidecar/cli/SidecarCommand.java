package io.webgarden.sidecar.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jar's entry point: dispatches to the subcommands. */
@Command(
    name = "webgarden-sidecar",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = VersionProvider.class,
    description = {
      "Hosts a site folder as IIS + iisnode would: node applications as pools of processes,",
      "static files, web.config rewrite rules and iisnode settings."
    },
    subcommands = {ServeCommand.class, ConvertCommand.class, CommandLine.HelpCommand.class})
public final class SidecarCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli instance, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new SidecarCommand());
    commandLine.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine failed = ex.getCommandLine();
          failed
              .getErr()
              .println(
                  "webgarden-sidecar: "
                      + ex.getMessage()
                      + " (see `"
                      + failed.getCommandSpec().qualifiedName()
                      + " --help`)");
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (ex, failed, parseResult) -> {
          failed.getErr().println("webgarden-sidecar: " + ex.getMessage());
          return 1;
        });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: use `serve <siteDir> --port <port>`");
  }
}
