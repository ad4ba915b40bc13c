package io.webgarden.sidecar.migrate;

import static io.webgarden.sidecar.migrate.TestSites.at;
import static io.webgarden.sidecar.migrate.TestSites.handler;
import static io.webgarden.sidecar.migrate.TestSites.parse;
import static io.webgarden.sidecar.migrate.TestSites.webConfig;
import static io.webgarden.sidecar.migrate.TestSites.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.cli.SidecarCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code webgarden-sidecar convert} as a user runs it: arguments in, stdout, stderr, exit code. */
class ConvertCommandTest {
  @TempDir Path site;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = SidecarCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void printsTheManifestOnStdoutAndTheNotesOnStderr() {
    write(
        site,
        "web.config",
        webConfig(
            handler("server.js")
                + "    <iisnode nodeProcessCountPerApplication=\"2\" interceptor=\"x.js\"/>\n",
            ""));
    write(site, "server.js", "");

    int exit = run("convert", site.toString(), "--name", "shop");

    assertThat(exit).isZero();
    assertThat(
            (Integer)
                at(parse(out.toString()), "spec", "hosting", "nodeProcessCountPerApplication"))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .allSatisfy(line -> assertThat(line).startsWith("webgarden-sidecar convert: "))
        .anySatisfy(line -> assertThat(line).contains("interceptor is not supported on Linux"))
        .anySatisfy(line -> assertThat(line).contains("placeholder"));
  }

  @Test
  void aMalformedWebConfigIsOneLineOnStderrAndExitCode2() {
    Path file =
        write(site, "web.config", "<configuration>\n<system.webServer>\n</configuration>\n");

    int exit = run("convert", site.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("webgarden-sidecar: " + file + ":3:");
  }

  @Test
  void severalApplicationsAndBadOptionsExit2() {
    write(site, "web.config", webConfig(handler("*.js"), ""));
    write(site, "a.js", "");
    write(site, "b.js", "");

    assertThat(run("convert", site.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("(a.js, b.js)", "--entry-point");
    assertThat(run("convert", site.toString(), "--entry-point", "b.js", "--name", "Bad_Name"))
        .isEqualTo(2);
    assertThat(run("convert", site.resolve("missing").toString())).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(run("convert", site.toString(), "--entry-point", "b.js")).isZero();
  }

  @Test
  void helpExplainsWhatMovesWhere() {
    assertThat(run("convert", "--help")).isZero();
    assertThat(out.toString())
        .contains("spec.hosting", "<iisnode>", "--entry-point", "docs/migration.md");
  }
}
