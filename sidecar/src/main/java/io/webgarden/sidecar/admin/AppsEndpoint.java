package io.webgarden.sidecar.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.host.AppStatus;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.host.ApplicationManager;
import io.webgarden.sidecar.host.ProcessStatus;
import io.webgarden.sidecar.lifecycle.Lifecycle;
import io.webgarden.sidecar.logs.LogServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /apps} lists applications and their processes; {@code POST /apps/{app}/recycle}
 * recycles one; {@code GET /apps/{app}/logs/} serves its captured logs. The app is its script's
 * site-relative path, e.g. {@code /apps/hello/hello.js/recycle}.
 */
final class AppsEndpoint {
  private static final String PREFIX = "/apps";
  private static final String RECYCLE = "/recycle";
  private static final String LOGS = "/logs";

  private final ApplicationManager applications;
  private final Lifecycle lifecycle;
  private final LogServer logs;
  private final Supplier<List<String>> brokenConfigFiles;

  AppsEndpoint(
      ApplicationManager applications,
      Lifecycle lifecycle,
      LogServer logs,
      Supplier<List<String>> brokenConfigFiles) {
    this.applications = applications;
    this.lifecycle = lifecycle;
    this.logs = logs;
    this.brokenConfigFiles = brokenConfigFiles;
  }

  static boolean handles(String path) {
    return path.equals(PREFIX) || path.equals(PREFIX + "/") || path.startsWith(PREFIX + "/");
  }

  void handle(HttpServerRequest request) {
    String path = request.path();
    if ((path.equals(PREFIX) || path.equals(PREFIX + "/")) && request.method() == HttpMethod.GET) {
      List<JsonObject> entries = new ArrayList<>();
      applications.applications().forEach(app -> entries.add(json(app.status())));
      applications
          .brokenApplications()
          .forEach(
              (name, error) -> {
                if (applications.find(name).isEmpty()) {
                  entries.add(
                      new JsonObject()
                          .put("name", name)
                          .put("state", "config-error")
                          .put("error", error.getMessage())
                          .put("processes", new JsonArray()));
                }
              });
      entries.sort(Comparator.comparing(entry -> entry.getString("name")));
      json(
          request,
          200,
          new JsonObject()
              .put("applications", new JsonArray(entries))
              .put("configErrors", new JsonArray(brokenConfigFiles.get())));
      return;
    }
    if (path.endsWith(RECYCLE) && path.length() > PREFIX.length() + RECYCLE.length()) {
      if (request.method() != HttpMethod.POST) {
        request.response().putHeader("Allow", "POST");
        error(request, 405, "method-not-allowed", "use POST to recycle");
        return;
      }
      String name = path.substring(PREFIX.length(), path.length() - RECYCLE.length());
      Optional<Application> application = applications.find(name);
      ConfigException broken = applications.brokenApplications().get(name);
      if (application.isEmpty() && broken != null) {
        error(
            request,
            409,
            "config-error",
            "not recycled: the application's configuration is"
                + " invalid, fix it and request the application: "
                + broken.getMessage());
        return;
      }
      if (application.isEmpty()) {
        error(
            request,
            404,
            "unknown-app",
            "no running application "
                + name
                + "; GET /apps"
                + " lists them (every application the site's web.config files declare)");
        return;
      }
      lifecycle
          .recycle(application.get(), "POST " + path)
          .onSuccess(
              replaced ->
                  json(
                      request,
                      202,
                      new JsonObject()
                          .put("application", name)
                          .put("recycling", new JsonArray(replaced))))
          .onFailure(
              failure -> {
                if (failure instanceof ConfigException) {
                  error(request, 409, "config-error", "not recycled: " + failure.getMessage());
                } else {
                  error(request, 500, "internal-error", "not recycled: " + failure);
                }
              });
      return;
    }
    int logsAt = path.lastIndexOf(LOGS + "/");
    if (path.endsWith(LOGS)) {
      request.response().setStatusCode(301).putHeader("Location", path + "/").end();
      return;
    }
    if (logsAt > PREFIX.length()) {
      String name = path.substring(PREFIX.length(), logsAt);
      String rest = path.substring(logsAt + LOGS.length() + 1);
      logs.capture(name)
          .ifPresentOrElse(
              capture -> logs.serve(request, capture, rest),
              () -> error(request, 404, "unknown-app", "no logs for application " + name));
      return;
    }
    error(
        request,
        404,
        "not-found",
        "the admin port serves GET /apps, POST" + " /apps/{app}/recycle and GET /apps/{app}/logs/");
  }

  private static JsonObject json(AppStatus status) {
    JsonArray processes = new JsonArray();
    for (ProcessStatus process : status.processes()) {
      processes.add(
          new JsonObject()
              .put("pid", process.pid())
              .put("state", process.state().name().toLowerCase(Locale.ROOT))
              .put("revision", process.revision())
              .put("activeRequests", process.activeRequests())
              .put("servedRequests", process.servedRequests())
              .put("uptimeMs", process.uptimeMillis())
              .put("memoryBytes", process.residentBytes()));
    }
    JsonObject json =
        new JsonObject()
            .put("name", status.name())
            .put("state", status.state().name().toLowerCase(Locale.ROOT))
            .put("revision", status.revision())
            .put("queuedRequests", status.queueDepth())
            .put("processes", processes);
    if (status.outOfServiceCause() != null) {
      json.put("outOfServiceCause", status.outOfServiceCause());
    }
    return json;
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encodePrettily() + "\n");
  }

  private static void error(HttpServerRequest request, int status, String cause, String message) {
    request.response().putHeader(ErrorResponder.ERROR_HEADER, cause);
    json(request, status, new JsonObject().put("error", message));
  }
}
