/**
 * Migration from iisnode: {@code webgarden-sidecar convert <siteDir>} turns an existing IIS +
 * iisnode site folder into an App manifest for the operator.
 *
 * <p>{@link io.webgarden.sidecar.migrate.SiteConverter} is the public face; it reads the site with
 * the site and config packages' own parsers, so the manifest describes the site as {@code serve}
 * sees it. The package decides which node application becomes {@code spec.entryPoint} (the handler
 * mappings; {@code --entry-point} when there are several), merges the application's {@code iisnode}
 * attributes with its iisnode.yml into typed {@code spec.hosting} values (defaults and
 * Linux-ignored settings left out), turns {@code appSettings} into environment variables and keeps
 * the rest of the site-root web.config, minus the sections the spec now carries, as {@code
 * spec.webConfig}. Everything that does not make it into the manifest becomes a notice for stderr.
 * It writes the YAML itself: the shape is fixed and small, and a YAML library would bring
 * jackson-databind and SnakeYAML into the sidecar jar for one command.
 */
package io.webgarden.sidecar.migrate;
