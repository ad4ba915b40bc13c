package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.Resolution.Filtered;
import java.nio.file.Path;

/**
 * What the disk says about one decoded URL path: where the walk down the site ended, the merged
 * configuration of its deepest folder, and for a folder URL ending in '/' the default document
 * found there (null when none). Everything a resolution needs from the file system, so it is what
 * {@link ResolutionCache} keeps; with it the request filtering verdict on the path itself ({@link
 * RequestFilter#target}, null when it passes), which depends on nothing else.
 */
record Walked(PathWalk walk, SiteConfig config, Path defaultDocument, Filtered target) {}
