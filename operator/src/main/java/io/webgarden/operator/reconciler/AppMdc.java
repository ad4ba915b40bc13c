package io.webgarden.operator.reconciler;

import io.webgarden.operator.api.App;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.MDC;

/** Puts the App's namespace, name and a reconcile number on every log line of one reconcile. */
final class AppMdc implements AutoCloseable {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private AppMdc(App app) {
    MDC.put("app.namespace", app.getMetadata().getNamespace());
    MDC.put("app.name", app.getMetadata().getName());
    MDC.put("reconcile", Long.toString(SEQUENCE.incrementAndGet()));
  }

  static AppMdc open(App app) {
    return new AppMdc(app);
  }

  @Override
  public void close() {
    MDC.remove("app.namespace");
    MDC.remove("app.name");
    MDC.remove("reconcile");
  }
}
