package io.webgarden.sidecar.site;

import java.nio.file.Path;

/**
 * What the disk says about one decoded URL path: where the walk down the site ended, the merged
 * configuration of its deepest folder, and for a folder URL ending in '/' the default document
 * found there (null when none). Everything a resolution needs from the file system, so it is what
 * {@link ResolutionCache} keeps.
 */
record Walked(PathWalk walk, SiteConfig config, Path defaultDocument) {}
