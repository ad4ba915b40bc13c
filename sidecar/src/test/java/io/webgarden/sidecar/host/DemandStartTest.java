package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemandStartTest {
  private static final long MS = 1_000_000;

  @Test
  void holdsUntilNoProcessIsStarting() {
    DemandStart start = new DemandStart(0);
    assertThat(start.holds(100 * MS, 4, 0)).isTrue();
    assertThat(start.holds(200 * MS, 3, 1)).isTrue();
    assertThat(start.holds(300 * MS, 1, 3)).isTrue();
    assertThat(start.holds(400 * MS, 0, 4)).isFalse();
  }

  @Test
  void aSlowProcessHoldsTheQueueOnlyAsLongAgainAsTheFirstTookAtLeastASecond() {
    DemandStart quick = new DemandStart(0);
    assertThat(quick.holds(200 * MS, 3, 1)).isTrue();
    assertThat(quick.remainingMillis(200 * MS)).isEqualTo(1000);
    assertThat(quick.holds(1199 * MS, 1, 3)).isTrue();
    assertThat(quick.holds(1200 * MS, 1, 3)).isFalse();

    DemandStart slow = new DemandStart(0);
    assertThat(slow.holds(3000 * MS, 1, 1)).isTrue();
    assertThat(slow.holds(5999 * MS, 1, 1)).isTrue();
    assertThat(slow.holds(6000 * MS, 1, 1)).isFalse();
    assertThat(slow.remainingMillis(7000 * MS)).isZero();
  }

  @Test
  void aGardenWhoseOtherProcessesFailedIsNotHeld() {
    DemandStart start = new DemandStart(0);
    assertThat(start.holds(100 * MS, 0, 1)).isFalse();
  }
}
