package io.webgarden.operator.reconciler;

import io.webgarden.operator.api.App;
import org.slf4j.MDC;

/** Puts the App's namespace, name and a reconcile number on every log line of one reconcile. */
final class AppMdc implements AutoCloseable {
  private AppMdc(App app, long reconcile) {
    MDC.put("app.namespace", app.getMetadata().getNamespace());
    MDC.put("app.name", app.getMetadata().getName());
    MDC.put("reconcile", Long.toString(reconcile));
  }

  /**
   * @param reconcile a number that tells this reconcile's lines from the next one's
   */
  static AppMdc open(App app, long reconcile) {
    return new AppMdc(app, reconcile);
  }

  @Override
  public void close() {
    MDC.remove("app.namespace");
    MDC.remove("app.name");
    MDC.remove("reconcile");
  }
}
