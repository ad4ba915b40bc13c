/**
 * What an application is: the {@link io.webgarden.sidecar.apps.AppDefinition} the site's files give
 * it (script, iisnode attributes, appSettings, warm-up pages; read by {@link
 * io.webgarden.sidecar.apps.AppDefinitions} from the folder's merged web.config chain) and the
 * {@link io.webgarden.sidecar.apps.AppRevision}s its processes are started with.
 *
 * <p>May import {@code config} and {@code site}, and from {@code host} only the value types a
 * revision is made of ({@code ProcessMode}, {@code OutputListener}, {@code WarmupPage}); never
 * host's internals, {@code server} or {@code proxy}.
 */
package io.webgarden.sidecar.apps;
