package io.webgarden.sidecar.cli;

import static io.webgarden.sidecar.testing.Skips.assumeOrFail;
import static io.webgarden.sidecar.testing.Skips.skipOrFail;
import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.testing.SidecarJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} and {@code -V} of the shaded jar, as a user reads them. */
class HelpAndVersionIT {
  @Test
  void everyDescriptionLineIsPrintedWholeNotWrappedMidPhrase() throws Exception {
    CommandLine root = SidecarCommand.commandLine();
    List<CommandLine> commands = new ArrayList<>(List.of(root));
    root.getSubcommands().values().stream()
        .filter(sub -> !sub.getCommandName().equals("help"))
        .forEach(commands::add);
    for (CommandLine command : commands) {
      List<String> args = new ArrayList<>();
      if (command != root) {
        args.add(command.getCommandName());
      }
      args.add("--help");
      try (SidecarJar jar = SidecarJar.run(args.toArray(String[]::new))) {
        assertThat(jar.awaitExit()).isZero();
        String last = jar.awaitLine(line -> line.contains("--version"));
        assertThat(last).isNotEmpty();
        for (String line : command.getCommandSpec().usageMessage().description()) {
          if (!line.isBlank()) {
            assertThat(jar.stdout())
                .as(String.join(" ", args))
                .anySatisfy(printed -> assertThat(printed.strip()).isEqualTo(line.strip()));
          }
        }
      }
    }
  }

  @Test
  void versionNamesTheReleaseAndTheCommitItWasBuiltFrom() throws Exception {
    String head = gitHead();
    try (SidecarJar jar = SidecarJar.run("-V")) {
      assertThat(jar.awaitExit()).isZero();
      String line = jar.awaitLine(printed -> printed.startsWith("webgarden-sidecar"));
      assertThat(line)
          .matches(
              "webgarden-sidecar \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit" + " [0-9a-f]{7,}\\)");
      String commit = line.substring(line.indexOf("commit ") + 7, line.length() - 1);
      assertThat(head).as("the commit the jar was built from is HEAD").startsWith(commit);
    }
  }

  private static String gitHead() throws IOException, InterruptedException {
    Process git;
    try {
      git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
    } catch (IOException e) {
      skipOrFail("git is not installed, so HEAD cannot be compared");
      throw e;
    }
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assumeOrFail(
        git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0,
        "not in a git checkout (" + out + ")");
    return out;
  }
}
