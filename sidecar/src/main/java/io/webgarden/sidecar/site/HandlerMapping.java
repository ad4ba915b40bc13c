package io.webgarden.sidecar.site;

import java.util.List;
import java.util.Locale;

/**
 * One {@code handlers/add}. webgarden only acts on the iisnode module; other handlers still count,
 * because the first handler that matches a request wins, as in IIS.
 *
 * @param name the handler name (key for {@code remove})
 * @param path the file-name pattern: a name ({@code server.js}) or a wildcard ({@code *.js})
 * @param verbs the allowed methods in upper case; {@code ["*"]} allows all
 * @param modules the {@code modules} attribute as written
 * @param line where the handler was declared
 */
public record HandlerMapping(
    String name, String path, List<String> verbs, String modules, int line) {

  public HandlerMapping {
    verbs = List.copyOf(verbs);
  }

  /** Whether this handler is iisnode (the {@code modules} list names it). */
  public boolean isIisnode() {
    for (String module : modules.split(",")) {
      if (module.trim().equalsIgnoreCase("iisnode")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the handler's {@code path} matches a file name (case-insensitively, as IIS). */
  public boolean matchesFileName(String fileName) {
    return Glob.matches(path, fileName);
  }

  /** Whether the handler's {@code verb} list allows the method. */
  public boolean allowsVerb(String method) {
    for (String verb : verbs) {
      if (verb.equals("*") || verb.equalsIgnoreCase(method)) {
        return true;
      }
    }
    return false;
  }

  /** Splits a {@code verb} attribute ("GET, POST" or "*") into upper-case methods. */
  public static List<String> parseVerbs(String verbAttribute) {
    return List.of(verbAttribute.trim().toUpperCase(Locale.ROOT).split("\\s*,\\s*"));
  }
}
