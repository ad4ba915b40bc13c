package io.webgarden.sidecar.host;

import io.vertx.core.Future;
import io.webgarden.sidecar.config.Settings;
import java.util.Optional;

/**
 * What the proxy sees of an application: admission of a request to one of its processes. A request
 * that finds no free process waits in the application's {@link AdmissionQueue}.
 */
public interface Admission {
  /** The application's name, its URL path to the script. */
  String name();

  /** The settings requests are served with now. */
  Settings settings();

  /**
   * A lease on a ready process with a free slot, or a place in the queue until one frees up. Must
   * be called on the request's context; the future completes there.
   *
   * @param pin the nodeProcessStickySessions cookie the request carries, or null
   */
  Future<Lease> admit(String pin);

  /**
   * Like {@link #admit}, for the one retry of a request whose process {@code failed} it before
   * answering: the retry goes to another process.
   */
  Future<Lease> retry(Lease failed, String pin);

  /**
   * Forgets a queued request whose client went away, so it neither holds a place in the queue nor
   * gets a process later. Does nothing once the request was admitted.
   */
  void abandon(Future<Lease> admission);

  /**
   * The nodeProcessStickySessions cookie value that pins a client to the lease's process; empty
   * when sticky sessions are off.
   */
  Optional<String> stickyPin(Lease lease);

  /** The processes that take or may soon take requests. */
  int processCount();

  /** Requests waiting for a process. */
  int queueDepth();
}
