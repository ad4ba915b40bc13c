/**
 * The site model: how a request URL maps onto the site folder, with the semantics of IIS, iisnode
 * and URL Rewrite, and nothing else (no I/O beyond stats and reading web.config files, no Vert.x).
 *
 * <p>{@link io.webgarden.sidecar.site.SiteResolver} is the entry point: it turns {@link
 * io.webgarden.sidecar.site.RequestFacts} into a {@link io.webgarden.sidecar.site.Resolution} (a
 * node application with its path info, a static file, a redirect, a custom response, an abort, a
 * refusal, a request filtering rejection, not found, or a configuration error naming file and
 * line). It decodes the path once and refuses traversal, hides {@code web.config}, {@code
 * iisnode.yml} and dot segments with a 404, applies IIS request filtering ({@link
 * io.webgarden.sidecar.site.RequestFilter}), runs the rewrite rules of the URL's folder chain
 * ({@code site.rewrite}), then applies handler mappings ({@code modules="iisnode"}), default
 * documents and the folder courtesy redirect.
 *
 * <p>Configuration comes from the web.config of every folder from the site root down ({@link
 * io.webgarden.sidecar.site.WebConfigParser} reads one file; {@link
 * io.webgarden.sidecar.site.SiteConfigs} caches and merges them into a {@link
 * io.webgarden.sidecar.site.SiteConfig}, re-checking each file's stat on every use), on top of
 * IIS's server-level defaults ({@link io.webgarden.sidecar.site.ApplicationHost}). This package
 * keeps {@code iisnode} attributes and {@code appSettings} raw, with file and line; validating and
 * typing settings belongs to the config package, and serving bytes to the static-file and proxy
 * code.
 *
 * <p>With a {@link io.webgarden.sidecar.site.FolderEvents} source (the sidecar's file watcher), the
 * resolver keeps what the disk said about each URL path ({@code ResolutionCache}), so a hot request
 * makes no system call; events drop only the paths below what changed.
 */
package io.webgarden.sidecar.site;
