package io.webgarden.sidecar.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips that say why on the console, not only in the surefire report. Under {@code CI=true} a skip
 * is a failure: CI is a Linux git clone with git, setsid, a network interface and the epoll
 * transport, so a missing one there means the test silently stopped proving anything.
 */
public final class Skips {
  private Skips() {}

  /** Skips with the reason printed; under CI=true fails instead. */
  public static void skipOrFail(String reason) {
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true and " + reason);
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** {@link #skipOrFail} with {@code reason} unless {@code condition} holds. */
  public static void assumeOrFail(boolean condition, String reason) {
    if (!condition) {
      skipOrFail(reason);
    }
  }
}
