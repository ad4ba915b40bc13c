package io.webgarden.sidecar.cli;

import io.webgarden.sidecar.migrate.Conversion;
import io.webgarden.sidecar.migrate.ConversionException;
import io.webgarden.sidecar.migrate.ConvertOptions;
import io.webgarden.sidecar.migrate.SiteConverter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convert}: prints an App manifest for an existing iisnode site. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Prints an App manifest (webgarden.io/v1alpha1) for the iisnode site in <siteDir>, for",
      "`kubectl apply -f`. What the manifest cannot carry is listed on stderr.",
      "",
      "- spec.entryPoint: the script the iisnode handler maps (the site root's one; choose",
      "  with --entry-point when there are several).",
      "- spec.hosting: the application's iisnode attributes (web.config) overridden by its",
      "  iisnode.yml, typed; defaults and settings Linux ignores are left out.",
      "- spec.appSettings: web.config <appSettings> as environment variables.",
      "- spec.webConfig: the site-root web.config as written, minus <iisnode> and",
      "  <appSettings>, which the two fields above now carry (the spec's settings file would",
      "  override them anyway). The iisnode handler stays: the operator keeps a file that",
      "  registers the entry point as it is. Files in subfolders cannot be part of it.",
      "",
      "Details: docs/migration.md",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:manifest printed (read the notes on stderr)",
      "2:bad arguments, a malformed web.config or iisnode.yml, or no single application"
    })
final class ConvertCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "<siteDir>",
      description = "The site's folder, as IIS served it (e.g. a copy of site/wwwroot).")
  Path siteDir;

  @Option(
      names = "--name",
      paramLabel = "<name>",
      description = "metadata.name (default: the folder's name, made DNS-safe).")
  String name;

  @Option(
      names = "--entry-point",
      paramLabel = "<path>",
      description = "The application script, relative to <siteDir>, when the site has several.")
  String entryPoint;

  @Option(
      names = "--image",
      paramLabel = "<ref>",
      description =
          "spec.source.image.ref: an image holding the site in /app (default: a"
              + " placeholder to replace).")
  String image;

  @Override
  public Integer call() {
    if (!Files.isDirectory(siteDir) || !Files.isReadable(siteDir)) {
      throw bad("siteDir " + siteDir + " is not a readable folder");
    }
    if (image != null && image.isBlank()) {
      throw bad("--image must not be empty");
    }
    ConvertOptions options =
        new ConvertOptions(
            Optional.ofNullable(name), Optional.ofNullable(entryPoint), Optional.ofNullable(image));
    Conversion conversion;
    try {
      conversion = new SiteConverter().convert(siteDir, options);
    } catch (ConversionException e) {
      throw bad(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(conversion.yaml());
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    for (String notice : conversion.notices()) {
      err.println("webgarden-sidecar convert: " + notice);
    }
    err.flush();
    return 0;
  }

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
