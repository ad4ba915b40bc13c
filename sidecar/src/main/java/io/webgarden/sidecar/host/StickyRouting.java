package io.webgarden.sidecar.host;

import java.security.SecureRandom;
import java.util.OptionalLong;

/**
 * The value of the nodeProcessStickySessions cookie: a process's pid, masked with a secret of this
 * application instance so that the cookie neither tells a client the pid nor lets it name a process
 * it was never sent to (outside guessing 64 bits). A pid reused by a later process only pins the
 * client there, which is as good as any other pick.
 */
final class StickyRouting {
  private final long secret;

  StickyRouting() {
    this(new SecureRandom().nextLong());
  }

  StickyRouting(long secret) {
    this.secret = secret;
  }

  String pin(long pid) {
    return Long.toHexString(pid ^ secret);
  }

  /** The pid a cookie value names; empty for anything this instance did not hand out. */
  OptionalLong pid(String pin) {
    if (pin == null || pin.isEmpty() || pin.length() > 16) {
      return OptionalLong.empty();
    }
    try {
      long pid = Long.parseUnsignedLong(pin, 16) ^ secret;
      return pid > 0 && pid <= Integer.MAX_VALUE ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
