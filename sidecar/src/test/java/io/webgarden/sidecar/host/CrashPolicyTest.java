package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrashPolicyTest {
  private static final Settings DEFAULTS = Settings.defaults();

  @Test
  void aCrashLoopWithNoProcessServingTripsAtRapidFailMaxCrashes() {
    CrashPolicy policy = new CrashPolicy(new ManualClock());
    for (int crash = 1; crash < 5; crash++) {
      assertThat(policy.crashedAndTrips(-1, false, DEFAULTS)).as("crash %d", crash).isFalse();
    }
    assertThat(policy.crashedAndTrips(200, false, DEFAULTS)).isTrue();
    assertThat(policy.recentLoopCrashes()).isEqualTo(5);
  }

  @Test
  void whileAnotherProcessServesTheApplicationStaysInService() {
    CrashPolicy policy = new CrashPolicy(new ManualClock());
    for (int crash = 0; crash < 20; crash++) {
      assertThat(policy.crashedAndTrips(100, true, DEFAULTS)).isFalse();
    }
    // The last serving process dies too: now the loop counts.
    assertThat(policy.crashedAndTrips(-1, false, DEFAULTS)).isTrue();
  }

  @Test
  void processesThatServedAndThenDiedNeverTripIt() {
    CrashPolicy policy = new CrashPolicy(new ManualClock());
    for (int crash = 0; crash < 20; crash++) {
      assertThat(policy.crashedAndTrips(CrashHistory.CRASH_LOOP_UPTIME_MS + 1, false, DEFAULTS))
          .isFalse();
    }
    assertThat(policy.restartDelayMillis()).isEqualTo(CrashHistory.MAX_BACKOFF_MS);
  }

  @Test
  void crashesOlderThanTheWindowAndAClearDoNotCount() {
    ManualClock clock = new ManualClock();
    CrashPolicy policy = new CrashPolicy(clock);
    Settings settings =
        Settings.builder()
            .set(Setting.RAPID_FAIL_MAX_CRASHES, 2)
            .set(Setting.RAPID_FAIL_INTERVAL_MS, 1000)
            .build();
    assertThat(policy.crashedAndTrips(-1, false, settings)).isFalse();
    clock.advance(Duration.ofMillis(1001));
    assertThat(policy.crashedAndTrips(-1, false, settings)).isFalse();
    policy.clear();
    assertThat(policy.crashedAndTrips(-1, false, settings)).isFalse();
    assertThat(policy.crashedAndTrips(-1, false, settings)).isTrue();
  }

  @Test
  void rapidFailProtectionOffNeverTrips() {
    CrashPolicy policy = new CrashPolicy(new ManualClock());
    Settings off = Settings.builder().set(Setting.RAPID_FAIL_PROTECTION, false).build();
    for (int crash = 0; crash < 10; crash++) {
      assertThat(policy.crashedAndTrips(-1, false, off)).isFalse();
    }
  }
}
