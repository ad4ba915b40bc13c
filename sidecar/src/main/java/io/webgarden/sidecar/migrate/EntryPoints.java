package io.webgarden.sidecar.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses {@code spec.entryPoint} among the node applications that the site's iisnode handlers map:
 * the one the user named, else the only one at the site root, else the only one in the site.
 */
final class EntryPoints {
  private EntryPoints() {}

  /**
   * @param root the site root, absolute and normalised
   * @param applications the application scripts the handlers map, absolute
   * @param chosen {@code --entry-point}, relative to the root
   * @return the script, relative to the root with {@code /} separators
   */
  static String choose(
      Path root, List<Path> applications, Optional<String> chosen, List<String> notices)
      throws ConversionException {
    if (chosen.isPresent()) {
      return named(root, applications, chosen.get(), notices);
    }
    List<Path> atRoot = applications.stream().filter(app -> root.equals(app.getParent())).toList();
    if (atRoot.size() == 1) {
      return relative(root, atRoot.get(0));
    }
    if (atRoot.isEmpty() && applications.size() == 1) {
      String script = relative(root, applications.get(0));
      notices.add(
          script
              + " is the only node application and is not at the site root: its"
              + " folder's web.config, which maps it to iisnode, must stay in the site's files");
      return script;
    }
    if (applications.isEmpty()) {
      throw new ConversionException(
          "no node application found in "
              + root
              + ": no web.config"
              + " handler with modules=\"iisnode\" maps a file there; name the script with"
              + " --entry-point <path>");
    }
    throw new ConversionException(
        "the site has "
            + applications.size()
            + " node applications ("
            + applications.stream()
                .map(app -> relative(root, app))
                .collect(Collectors.joining(", "))
            + ") and an App runs one; choose it with --entry-point <path>");
  }

  private static String named(Path root, List<Path> applications, String name, List<String> notices)
      throws ConversionException {
    String slashed = name.replace('\\', '/');
    Path script = root.resolve(slashed).normalize();
    if (slashed.startsWith("/") || !script.startsWith(root) || script.equals(root)) {
      throw new ConversionException(
          "--entry-point "
              + name
              + " must be a file relative to the"
              + " site root, e.g. server.js");
    }
    if (!Files.isRegularFile(script)) {
      throw new ConversionException("--entry-point " + name + " is not a file in " + root);
    }
    if (!applications.contains(script)) {
      notices.add(
          "no iisnode handler maps "
              + relative(root, script)
              + "; the operator will"
              + " register it in the site-root web.config");
    }
    return relative(root, script);
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
