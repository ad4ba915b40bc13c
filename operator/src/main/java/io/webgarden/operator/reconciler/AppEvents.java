package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.webgarden.operator.api.App;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on the App, so {@code kubectl describe app} tells its story. */
final class AppEvents {
  private static final Logger LOG = LoggerFactory.getLogger(AppEvents.class);
  private final KubernetesClient client;
  private final Clock clock;

  AppEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void normal(App app, String reason, String message) {
    emit(app, "Normal", reason, message);
  }

  void warning(App app, String reason, String message) {
    emit(app, "Warning", reason, message);
  }

  private void emit(App app, String type, String reason, String message) {
    LOG.info("{}: {}", reason, message);
    String now = clock.instant().toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(app.getMetadata().getName() + "." + UUID.randomUUID())
            .withNamespace(app.getMetadata().getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(app.getApiVersion())
                    .withKind(app.getKind())
                    .withName(app.getMetadata().getName())
                    .withNamespace(app.getMetadata().getNamespace())
                    .withUid(app.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource("webgarden-operator", null)
            .build();
    try {
      client.v1().events().resource(event).create();
    } catch (KubernetesClientException e) {
      // An Event is a courtesy: losing one must not fail or retry the reconcile.
      LOG.warn("could not record event {}: {}", reason, e.getMessage());
    }
  }
}
