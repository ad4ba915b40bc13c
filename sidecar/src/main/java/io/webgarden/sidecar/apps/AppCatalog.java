package io.webgarden.sidecar.apps;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.host.Application;
import io.webgarden.sidecar.site.Resolution;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds the application for a resolved script, and creates the ones the site grew since startup on
 * a worker thread: creating reads iisnode.yml and the settings layers, which must not happen on an
 * event loop. Requests that arrive for an application while it is being created wait for the one
 * creation.
 */
public final class AppCatalog {
  /** Creates (not starts) an application; may read files. */
  @FunctionalInterface
  public interface Creator {
    Application create(AppDefinition definition) throws ConfigException;
  }

  private final Vertx vertx;
  private final Function<String, Optional<Application>> find;
  private final Creator creator;
  private final Map<String, Future<Application>> creating = new ConcurrentHashMap<>();

  /**
   * @param find the existing application by name, if any
   * @param creator creates one from its definition
   */
  public AppCatalog(Vertx vertx, Function<String, Optional<Application>> find, Creator creator) {
    this.vertx = vertx;
    this.find = find;
    this.creator = creator;
  }

  /** The application, when it exists: the hot path, no allocation beyond the lookup. */
  public Optional<Application> find(Resolution.NodeApp app) {
    return find.apply(app.scriptUrl());
  }

  /**
   * The application for {@code app}, created on a worker thread when it does not exist yet; the
   * future completes on the caller's context, and fails with a {@link ConfigException} when the
   * application's configuration is invalid (then the next request reads the files again).
   */
  public Future<Application> application(Resolution.NodeApp app) {
    Optional<Application> existing = find(app);
    if (existing.isPresent()) {
      return Future.succeededFuture(existing.get());
    }
    String name = app.scriptUrl();
    Future<Application> shared = creating.get(name);
    if (shared == null) {
      Promise<Application> creation = Promise.promise();
      shared = creating.putIfAbsent(name, creation.future());
      if (shared == null) {
        shared = creation.future();
        vertx
            .<Application>executeBlocking(
                () -> creator.create(AppDefinitions.from(name, app.script(), app.config())), false)
            .onComplete(
                done -> {
                  creating.remove(name, creation.future()); // a failure is retried next time
                  creation.handle(done);
                });
      }
    }
    // The shared future calls back on the first asker's context; each request continues on its
    // own event loop, where its connection lives.
    Context here = vertx.getOrCreateContext();
    Promise<Application> mine = Promise.promise();
    shared.onComplete(done -> here.runOnContext(v -> mine.handle(done)));
    return mine.future();
  }
}
