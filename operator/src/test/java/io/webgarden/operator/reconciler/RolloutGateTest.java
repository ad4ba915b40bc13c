package io.webgarden.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RolloutGateTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private void advance(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void admitsTheLimitPerMinuteAndSaysHowLongTheNextWaits() {
    RolloutGate gate = new RolloutGate(2, clock);

    assertThat(gate.admit()).isEmpty();
    advance(Duration.ofSeconds(10));
    assertThat(gate.admit()).isEmpty();
    advance(Duration.ofSeconds(5));
    assertThat(gate.admit()).as("third within the minute").contains(Duration.ofSeconds(45));
    advance(Duration.ofSeconds(45));
    assertThat(gate.admit()).as("the first one left the window").isEmpty();
    assertThat(gate.admit()).contains(Duration.ofSeconds(10));
  }

  @Test
  void zeroMeansUnlimited() {
    RolloutGate gate = new RolloutGate(0, clock);
    for (int i = 0; i < 1000; i++) {
      assertThat(gate.admit()).isEmpty();
    }
  }
}
