package io.webgarden.sidecar.migrate;

import io.webgarden.sidecar.config.Setting;

/**
 * One {@code spec.hosting} field.
 *
 * @param setting which setting
 * @param value an {@code Integer}, {@code Boolean} or {@code String}, as the CRD types it
 * @param origin where the site set it, e.g. {@code web.config:12}, for a YAML comment
 */
record HostingValue(Setting setting, Object value, String origin) {}
