package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.webgarden.operator.api.App;
import io.webgarden.operator.model.Labels;

/** An informer several dependents use, caching only objects this operator manages. */
final class SharedInformers {
  private SharedInformers() {}

  static <R extends HasMetadata> EventSource<R, App> of(
      Class<R> type, String name, EventSourceContext<App> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, App.class)
            .withName(name)
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .build(),
        context);
  }
}
