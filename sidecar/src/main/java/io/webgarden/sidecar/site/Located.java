package io.webgarden.sidecar.site;

import java.nio.file.Path;

/**
 * A raw attribute value with where it was written, so that whoever validates it later can name the
 * file and line in an error page.
 */
public record Located(String value, Path file, int line) {}
