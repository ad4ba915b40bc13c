package io.webgarden.sidecar.cli;

import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.logs.ConsoleMirror;
import io.webgarden.sidecar.server.Sidecar;
import io.webgarden.sidecar.server.SidecarOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code serve}: runs the sidecar until SIGTERM, SIGINT or SIGHUP, then shuts down gracefully. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Serves <siteDir> on 0.0.0.0:<port> until SIGTERM or SIGINT, as IIS + iisnode would.",
      "",
      "Any folder may hold a web.config: handlers with modules=\"iisnode\" mark node",
      "applications, and rewrite rules, default documents, appSettings and iisnode settings",
      "apply to that folder and below. An iisnode.yml beside an application overrides them.",
      "Each application process gets PORT, a unix socket path to listen on.",
      "",
      "Settings, lowest precedence first: defaults, web.config, iisnode.yml, --settings,",
      "IISNODE_<settingName> environment variables. Every setting: docs/configuration.md",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or SIGINT after a graceful shutdown",
      "1:the sidecar failed while running (e.g. the port is taken)",
      "2:bad arguments, unreadable siteDir or a bad --settings file"
    })
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "<siteDir>",
      description = "Folder to serve, as IIS would serve a site's physical path.")
  Path siteDir;

  @Option(
      names = "--port",
      required = true,
      paramLabel = "<port>",
      description = "Port for application traffic, on all interfaces (0 picks a free one).")
  int port;

  @Option(
      names = "--admin-port",
      paramLabel = "<port>",
      defaultValue = "9090",
      description =
          "Port for /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE};"
              + " 0 disables the admin endpoints).")
  int adminPort;

  @Option(
      names = "--admin-address",
      paramLabel = "<address>",
      defaultValue = "0.0.0.0",
      description =
          "Address the admin endpoints listen on (default: ${DEFAULT-VALUE}, every"
              + " interface, so kubelet probes reach them; 127.0.0.1 keeps them inside the pod).")
  String adminAddress;

  @Option(
      names = "--settings",
      paramLabel = "<file.yml>",
      description =
          "iisnode.yml-style `key: value` file whose settings override every"
              + " web.config and iisnode.yml (the operator renders it from the App resource).")
  Path settingsFile;

  @Override
  public Integer call() throws Exception {
    validate();
    SidecarOptions options =
        new SidecarOptions(
            siteDir.toAbsolutePath().normalize(),
            "0.0.0.0",
            port,
            adminAddress,
            adminPort,
            Optional.ofNullable(settingsFile));
    System.setOut(ConsoleMirror.stdout());
    Sidecar sidecar;
    try {
      sidecar = Sidecar.start(options, System.getenv());
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    System.out.println(sidecar.startupLine());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(sidecar), "webgarden-stop"));
    // The JVM starts its shutdown on SIGTERM, SIGINT or SIGHUP; the hook above then stops the
    // sidecar and ends the process. Until then this thread has nothing to do.
    new CountDownLatch(1).await();
    return 0;
  }

  /**
   * Stops the sidecar gracefully and ends the process with 0, as Kubernetes expects of a clean
   * stop: a JVM that exits because of a signal reports 128 plus its number (143 for SIGTERM) unless
   * it is halted with a status, and {@code System.exit} cannot be called from a shutdown hook.
   */
  private static void stop(Sidecar sidecar) {
    sidecar.shutdown();
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  private void validate() {
    if (port < 0 || port > 65535) {
      throw bad("--port must be from 0 to 65535, not " + port);
    }
    if (adminPort < 0 || adminPort > 65535) {
      throw bad("--admin-port must be from 0 to 65535 (0 disables it), not " + adminPort);
    }
    if (!Files.isDirectory(siteDir) || !Files.isReadable(siteDir)) {
      throw bad("siteDir " + siteDir + " is not a readable folder");
    }
    if (settingsFile != null && !Files.isReadable(settingsFile)) {
      throw bad("--settings file " + settingsFile + " cannot be read");
    }
  }

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
