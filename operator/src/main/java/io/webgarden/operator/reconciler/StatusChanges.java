package io.webgarden.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.webgarden.operator.api.App;
import io.webgarden.operator.api.AppStatus;
import java.util.Objects;

/**
 * The one way status is written: only when it changed, through a fresh object that carries just
 * name, namespace and status, so a status patch can never touch the spec.
 */
final class StatusChanges {
  private StatusChanges() {}

  static UpdateControl<App> write(App app, AppStatus next) {
    if (Objects.equals(app.getStatus(), next)) {
      return UpdateControl.noUpdate();
    }
    return UpdateControl.patchStatus(statusOnly(app, next));
  }

  static App statusOnly(App app, AppStatus status) {
    App fresh = new App();
    fresh.setMetadata(
        new ObjectMetaBuilder()
            .withName(app.getMetadata().getName())
            .withNamespace(app.getMetadata().getNamespace())
            .build());
    fresh.setStatus(status);
    return fresh;
  }
}
