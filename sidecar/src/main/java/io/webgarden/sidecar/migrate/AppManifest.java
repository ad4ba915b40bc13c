package io.webgarden.sidecar.migrate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an App that a conversion fills in, already in the CRD's types.
 *
 * @param name {@code metadata.name}
 * @param entryPoint {@code spec.entryPoint}
 * @param image {@code spec.source.image.ref}, or empty for the placeholder
 * @param placeholderImage the reference written when {@code image} is empty
 * @param hosting {@code spec.hosting} in the settings table's order, each with its origin
 * @param appSettings {@code spec.appSettings} as name → value, in document order
 * @param webConfig {@code spec.webConfig}, or empty to let the operator render its default
 */
record AppManifest(
    String name,
    String entryPoint,
    Optional<String> image,
    String placeholderImage,
    List<HostingValue> hosting,
    Map<String, String> appSettings,
    Optional<String> webConfig) {

  AppManifest {
    hosting = List.copyOf(hosting);
    appSettings = Collections.unmodifiableMap(new LinkedHashMap<>(appSettings)); // keep the order
  }
}
