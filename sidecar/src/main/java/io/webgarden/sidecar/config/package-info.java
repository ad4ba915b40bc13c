/**
 * The settings vocabulary and where values come from.
 *
 * <p>{@link io.webgarden.sidecar.config.Setting} is the single table of every setting (name, type,
 * default, bounds, meaning): parsing, validation and docs/configuration.md all derive from it, and
 * the operator's CRD is checked against the generated document. {@link
 * io.webgarden.sidecar.config.SettingsResolver} layers the sources, lowest first: built-in
 * defaults, the web.config chain's {@code iisnode} attributes, the application's iisnode.yml, the
 * {@code --settings} file and {@code IISNODE_<name>} environment variables. Any bad value becomes a
 * {@link io.webgarden.sidecar.config.ConfigException} that names the file and line, so the host can
 * answer with a page that says how to fix it instead of failing at start.
 */
package io.webgarden.sidecar.config;
