package io.webgarden.sidecar.host;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.SocketAddress;
import java.util.function.BooleanSupplier;

/**
 * Waits until something listens on a socket by connecting to it until a connection is accepted: a
 * node process on its PORT, an inspector on its port. Each failed attempt waits longer, from {@code
 * firstDelayMs} doubling up to {@code maxDelayMs}.
 */
public final class ConnectProbe {
  private static final int MAX_DOUBLINGS = 10;

  private final Vertx vertx;
  private final NetClient client;

  public ConnectProbe(Vertx vertx, NetClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  /**
   * Succeeds once {@code address} accepts a connection (which is closed at once); fails when it has
   * not by {@code deadlineMillis}, or as soon as {@code wanted} says the wait is no longer needed.
   */
  public Future<Void> await(
      SocketAddress address,
      long deadlineMillis,
      long firstDelayMs,
      long maxDelayMs,
      BooleanSupplier wanted) {
    Promise<Void> listening = Promise.promise();
    attempt(address, 0, deadlineMillis, firstDelayMs, Math.max(1, maxDelayMs), wanted, listening);
    return listening.future();
  }

  private void attempt(
      SocketAddress address,
      int attempt,
      long deadline,
      long first,
      long max,
      BooleanSupplier wanted,
      Promise<Void> listening) {
    if (!wanted.getAsBoolean()) {
      listening.fail("no longer waited for");
      return;
    }
    client
        .connect(address)
        .onComplete(
            connected -> {
              if (connected.succeeded()) {
                connected.result().close();
                listening.complete();
              } else if (System.currentTimeMillis() >= deadline) {
                listening.fail(connected.cause());
              } else {
                long delay = Math.min(first << Math.min(attempt, MAX_DOUBLINGS), max);
                vertx.setTimer(
                    delay,
                    id -> attempt(address, attempt + 1, deadline, first, max, wanted, listening));
              }
            });
  }
}
