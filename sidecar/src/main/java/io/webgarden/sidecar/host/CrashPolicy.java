package io.webgarden.sidecar.host;

import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import java.time.Clock;

/**
 * Rapid-fail protection's rule: a crash loop takes an application out of service, lost capacity
 * does not. It trips when rapidFailMaxCrashes crash-loop crashes ({@link CrashHistory#isCrashLoop})
 * fall within rapidFailIntervalMs and no process of the application is ready: while any process
 * serves, the application stays in service and the dead ones are restarted with back-off. Not
 * thread-safe: the owning application's lock guards it.
 */
final class CrashPolicy {
  private final Clock clock;
  private final CrashHistory history = new CrashHistory();

  CrashPolicy(Clock clock) {
    this.clock = clock;
  }

  /**
   * Records a crash and says whether it takes the application out of service.
   *
   * @param readyMillis how long the process was ready; -1 for one that never was
   * @param anotherServes whether another process of the application is ready
   * @param settings the serving revision's, for the rapidFail* settings
   */
  boolean crashedAndTrips(long readyMillis, boolean anotherServes, Settings settings) {
    int recentLoops =
        history.crashed(
            clock.millis(), readyMillis, settings.integer(Setting.RAPID_FAIL_INTERVAL_MS));
    return settings.bool(Setting.RAPID_FAIL_PROTECTION)
        && !anotherServes
        && recentLoops >= settings.integer(Setting.RAPID_FAIL_MAX_CRASHES);
  }

  /** Crash-loop crashes within the window at the last crash, for the out-of-service cause. */
  int recentLoopCrashes() {
    return history.recentCrashes();
  }

  /**
   * Why the last crash took the application {@code app} out of service, for 503s and /readyz.
   *
   * @param cause what the last crash was
   */
  String outOfServiceCause(String app, String cause, Settings settings) {
    return "the application's processes crashed "
        + history.recentCrashes()
        + " times within "
        + settings.integer(Setting.RAPID_FAIL_INTERVAL_MS)
        + " ms before they were ready or within "
        + CrashHistory.CRASH_LOOP_UPTIME_MS / 1000
        + " s of it, and none is serving (rapidFailMaxCrashes within rapidFailIntervalMs); last: "
        + cause
        + ". It returns to service on the next file change or POST /apps"
        + app
        + "/recycle.";
  }

  /** The wait before restarting after the last crash. */
  long restartDelayMillis() {
    return history.restartDelayMillis();
  }

  /** A recycle starts afresh: new code deserves a fresh count. */
  void clear() {
    history.clear();
  }
}
