package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrashHistoryTest {
  @Test
  void restartsBackOffFrom100MsDoublingToTenSeconds() {
    CrashHistory history = new CrashHistory();
    long[] delays = new long[9];
    for (int i = 0; i < delays.length; i++) {
      history.crashed(i, 50, 1000);
      delays[i] = history.restartDelayMillis();
    }
    assertThat(delays).containsExactly(100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000);
  }

  @Test
  void aProcessThatRanLongEnoughResetsTheBackOff() {
    CrashHistory history = new CrashHistory();
    history.crashed(0, 10, 1000);
    history.crashed(1, 10, 1000);
    history.crashed(2, CrashHistory.STABLE_UPTIME_MS + 1, 1000);
    assertThat(history.restartDelayMillis()).isEqualTo(100);
  }

  @Test
  void countsOnlyCrashLoopCrashesThoseBeforeOrSoonAfterReady() {
    CrashHistory history = new CrashHistory();
    assertThat(history.crashed(0, CrashHistory.CRASH_LOOP_UPTIME_MS, 60_000)).isZero();
    assertThat(history.crashed(1, -1, 60_000)).isEqualTo(1);
    assertThat(history.crashed(2, CrashHistory.CRASH_LOOP_UPTIME_MS - 1, 60_000)).isEqualTo(2);
    // Served a while, then died: the back-off still grows, the crash-loop count does not.
    assertThat(history.crashed(3, 20_000, 60_000)).isEqualTo(2);
    assertThat(history.restartDelayMillis()).isEqualTo(800);
  }

  @Test
  void countsOnlyCrashesWithinTheWindow() {
    CrashHistory history = new CrashHistory();
    assertThat(history.crashed(0, -1, 1000)).isEqualTo(1);
    assertThat(history.crashed(500, -1, 1000)).isEqualTo(2);
    assertThat(history.crashed(1400, -1, 1000)).isEqualTo(2);
    assertThat(history.crashed(3000, -1, 1000)).isEqualTo(1);
    history.clear();
    assertThat(history.crashed(3001, -1, 1000)).isEqualTo(1);
    assertThat(history.restartDelayMillis()).isEqualTo(100);
  }
}
