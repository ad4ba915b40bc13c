package io.webgarden.sidecar.admin;

import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.host.Application;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What {@code /readyz} answers: whether the pod should get traffic and, one line each, the
 * applications that are not ready and why.
 *
 * @param ready whether the sidecar serves and every application the pod must serve is ready
 * @param blocking applications the pod must serve that are not ready, as "name: why"
 * @param notCounted applications that start on demand and are not ready, as "name: why"; they never
 *     unready the pod, since one of them failing must not take the others out
 */
public record Readiness(boolean ready, List<String> blocking, List<String> notCounted) {
  public Readiness {
    blocking = List.copyOf(blocking);
    notCounted = List.copyOf(notCounted);
  }

  /**
   * Ready while every application the pod must serve is ready: those with preloadEnabled (and
   * readinessIncludesApplications). An application that starts on demand never unreadies the pod,
   * so that one that fails to start cannot take the others out of the Service; /readyz still names
   * it.
   */
  public static Readiness of(Collection<Application> applications) {
    List<String> blocking = new ArrayList<>();
    List<String> notCounted = new ArrayList<>();
    for (Application app : applications) {
      String why = app.notReadyReason();
      if (why != null) {
        Settings settings = app.settings();
        boolean counts =
            settings.bool(Setting.PRELOAD_ENABLED)
                && settings.bool(Setting.READINESS_INCLUDES_APPLICATIONS);
        (counts ? blocking : notCounted).add(app.name() + ": " + why);
      }
    }
    return new Readiness(blocking.isEmpty(), blocking, notCounted);
  }

  /** The sidecar is shutting down: not ready, whatever its applications do. */
  public static Readiness shuttingDown() {
    return new Readiness(false, List.of("the sidecar is shutting down"), List.of());
  }

  /** The plain-text body: "ready" or "not ready", then a line per application. */
  String body() {
    StringBuilder body = new StringBuilder(ready ? "ready\n" : "not ready\n");
    blocking.forEach(line -> body.append(line).append('\n'));
    notCounted.forEach(
        line -> body.append("not counted (starts on demand): ").append(line).append('\n'));
    return body.toString();
  }
}
