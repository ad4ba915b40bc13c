package io.webgarden.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin script with stand-ins for java and kubectl that print how they were called. */
class KubectlPluginTest {
  private static final Path PLUGIN = Path.of("bin", "kubectl-webgarden").toAbsolutePath();

  @TempDir Path bin;

  private record Run(int exit, String out) {}

  private Run run(String... args) throws IOException, InterruptedException {
    for (String tool : new String[] {"java", "kubectl"}) {
      Path stub = bin.resolve(tool);
      Files.writeString(stub, "#!/bin/sh\necho " + tool + " \"$@\"\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path jar = Files.createFile(bin.resolve("op.jar"));
    String[] command = new String[args.length + 1];
    command[0] = PLUGIN.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("WEBGARDEN_OPERATOR_JAR", jar.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), out);
  }

  @Test
  void swapRunsTheOperatorJar() throws Exception {
    Run run = run("swap", "web", "-n", "shop");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("java -jar " + bin.resolve("op.jar") + " swap web -n shop\n");
  }

  @Test
  void statusAsksKubectlForTheApp() throws Exception {
    Run run = run("status", "web", "-n", "shop");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("kubectl get apps.webgarden.io web -n shop -o jsonpath=");
  }

  @Test
  void unknownCommandFailsWithUsage() throws Exception {
    Run run = run("promote");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains("unknown command 'promote'", "kubectl webgarden swap APP");
  }
}
