package io.webgarden.sidecar.migrate;

import java.util.List;

/**
 * A converted site.
 *
 * @param yaml the App manifest, a complete YAML document ending with a line break
 * @param notices what the manifest does not carry or the user must check, one line each, in the
 *     order found: unsupported and unknown settings, subfolder web.config files, placeholders
 */
public record Conversion(String yaml, List<String> notices) {
  public Conversion {
    notices = List.copyOf(notices);
  }
}
