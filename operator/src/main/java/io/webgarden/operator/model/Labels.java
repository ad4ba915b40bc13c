package io.webgarden.operator.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** The recommended {@code app.kubernetes.io/*} labels plus the instance label Services select. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String COMPONENT = "app.kubernetes.io/component";

  /** Which physical instance (a or b) a pod belongs to; the only label a swap touches. */
  public static final String SLOT_INSTANCE = "webgarden.io/instance";

  public static final String MANAGER = "webgarden-operator";

  /** Label selector of every informer the operator opens, so it caches only its own objects. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;

  private Labels() {}

  /** Labels of every object owned by the App. */
  public static Map<String, String> common(String app, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "webgarden");
    labels.put(INSTANCE, app);
    labels.put(MANAGED_BY, MANAGER);
    labels.put(COMPONENT, component);
    return labels;
  }

  /** The selector of one instance's pods: stable for the life of the Deployment. */
  public static Map<String, String> selector(String app, Instance instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(INSTANCE, app);
    labels.put(SLOT_INSTANCE, instance.name());
    return labels;
  }
}
