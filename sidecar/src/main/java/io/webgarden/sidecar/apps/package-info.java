/**
 * What an application is: the {@link io.webgarden.sidecar.apps.AppDefinition} the site's files give
 * it (script, iisnode attributes, appSettings, warm-up pages; read by {@link
 * io.webgarden.sidecar.apps.AppDefinitions} from the folder's merged web.config chain), the {@link
 * io.webgarden.sidecar.apps.AppRevision}s its processes are started with ({@link
 * io.webgarden.sidecar.apps.Revisions} layers the settings, iisnode.yml included, and builds the
 * environment), and the {@link io.webgarden.sidecar.apps.AppCatalog} that finds an application for
 * a request and creates a new one on a worker thread, never on the event loop.
 *
 * <p>Reading files happens here, off the event loop: a reload forgets only the parsed web.config
 * files of the application's own folder chain and the resolutions below its folder.
 *
 * <p>May import {@code config}, {@code site} and host's face ({@code Application}, {@code
 * ApplicationManager}, and the value types a revision is made of: {@code ProcessMode}, {@code
 * OutputListener(s)}, {@code WarmupPage}); never host's internals, {@code server}, {@code proxy} or
 * {@code lifecycle} (.checkstyle/import-control.xml).
 */
package io.webgarden.sidecar.apps;
