package io.webgarden.sidecar.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Follows URL segments down from the site root with one {@code lstat} each, stopping at the first
 * segment that is not a directory. Symbolic links are allowed as long as their real path stays
 * inside the root's real path (ConfigMap volumes are made of such links).
 *
 * @param segments the decoded URL segments
 * @param directories how many leading segments are directories (the deepest folder on the way)
 * @param stop why the walk ended
 * @param target the path where it ended: the file for {@link Stop#FILE}, the folder for {@link
 *     Stop#DIRECTORY}
 */
record PathWalk(List<String> segments, int directories, Stop stop, Path target) {

  enum Stop {
    /** Every segment is a directory. */
    DIRECTORY,
    /** Segment {@code directories} is a regular file (more segments may follow: path info). */
    FILE,
    /** Segment {@code directories} does not exist or is neither file nor directory. */
    MISSING,
    /** A symbolic link on the way leads outside the site root. */
    ESCAPES
  }

  static PathWalk walk(Path root, List<String> segments) {
    Path path = root;
    for (int i = 0; i < segments.size(); i++) {
      try {
        path = path.resolve(segments.get(i));
      } catch (InvalidPathException notANameOnThisDisk) {
        return new PathWalk(segments, i, Stop.MISSING, path);
      }
      BasicFileAttributes attributes = attributes(path, LinkOption.NOFOLLOW_LINKS);
      if (attributes != null && attributes.isSymbolicLink()) {
        if (!staysInside(root, path)) {
          return new PathWalk(segments, i, Stop.ESCAPES, path);
        }
        attributes = attributes(path);
      }
      if (attributes == null || (!attributes.isDirectory() && !attributes.isRegularFile())) {
        return new PathWalk(segments, i, Stop.MISSING, path);
      }
      if (attributes.isRegularFile()) {
        return new PathWalk(segments, i, Stop.FILE, path);
      }
    }
    return new PathWalk(segments, segments.size(), Stop.DIRECTORY, path);
  }

  /** Whether a link's real path is inside the root's real path (computed now: roots move). */
  static boolean staysInside(Path root, Path link) {
    try {
      return link.toRealPath().startsWith(root.toRealPath());
    } catch (IOException dangling) {
      return true; // a dangling link leads nowhere; the walk reports it as missing
    }
  }

  private static BasicFileAttributes attributes(Path path, LinkOption... options) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, options);
    } catch (IOException | SecurityException absent) {
      return null;
    }
  }
}
