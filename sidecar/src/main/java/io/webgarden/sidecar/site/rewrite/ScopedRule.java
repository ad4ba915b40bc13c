package io.webgarden.sidecar.site.rewrite;

/**
 * A rule together with the folder of the web.config that declared it: the rule matches URLs
 * relative to that folder, and a relative Rewrite url is resolved against it.
 *
 * @param folderPrefix the folder's URL path without a leading slash and with a trailing one ({@code
 *     ""} for the site root, {@code "api/"} for {@code /api/web.config})
 */
public record ScopedRule(String folderPrefix, RewriteRule rule) {}
