package io.webgarden.sidecar.migrate;

import java.util.Optional;

/**
 * What the user chose on the command line; each empty value means "work it out from the site".
 *
 * @param name {@code metadata.name}; empty: derived from the site folder's name
 * @param entryPoint the application script relative to the site root; empty: the site's only node
 *     application at the root
 * @param image {@code spec.source.image.ref}; empty: a placeholder the user must replace
 */
public record ConvertOptions(
    Optional<String> name, Optional<String> entryPoint, Optional<String> image) {

  public static ConvertOptions defaults() {
    return new ConvertOptions(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
