package io.webgarden.sidecar.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The watchedFiles setting, parsed: entries separated by {@code ;}, each an optional folder
 * (relative to the application's folder, {@code /} or {@code \} separated) and a file name that may
 * hold wildcards ({@code *.js;iisnode.yml;node_modules\*.js}).
 */
public final class WatchedFiles {
  /** One entry: files matching {@code pattern} directly in {@code folder}. */
  public record Entry(Path folder, String pattern, PathMatcher matcher) {
    public boolean matches(Path fileName) {
      return matcher.matches(fileName);
    }
  }

  private WatchedFiles() {}

  /**
   * @throws IllegalArgumentException naming the bad entry and why
   */
  public static List<Entry> parse(String value) {
    List<Entry> entries = new ArrayList<>();
    for (String raw : value.split(";")) {
      String entry = raw.strip().replace('\\', '/');
      if (entry.isEmpty()) {
        continue;
      }
      int slash = entry.lastIndexOf('/');
      String folder = slash < 0 ? "" : entry.substring(0, slash);
      String name = entry.substring(slash + 1);
      if (name.isEmpty()) {
        throw bad(raw, "it names a folder but no file; add a file name such as *.js");
      }
      if (entry.startsWith("/") || folder.matches("^[A-Za-z]:.*")) {
        throw bad(raw, "folders are relative to the application's folder");
      }
      if (folder.contains("*") || folder.contains("?")) {
        throw bad(raw, "wildcards are allowed only in the file name, not in the folder");
      }
      for (String segment : folder.split("/")) {
        if (segment.equals("..")) {
          throw bad(raw, "it leaves the application's folder");
        }
      }
      if (name.contains("[") || name.contains("{")) {
        throw bad(raw, "only * and ? are wildcards");
      }
      entries.add(
          new Entry(
              Path.of(folder), name, FileSystems.getDefault().getPathMatcher("glob:" + name)));
    }
    return entries;
  }

  private static IllegalArgumentException bad(String entry, String why) {
    return new IllegalArgumentException(
        "watchedFiles entry `" + entry.strip() + "` is invalid: " + why);
  }
}
