package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StickyRoutingTest {
  @Test
  void aPinNamesItsPidOnlyForTheInstanceThatMadeIt() {
    StickyRouting routing = new StickyRouting(0x5eed_1234_abcd_0042L);
    String pin = routing.pin(4711);
    assertThat(pin).doesNotContain("4711").doesNotContain(Long.toHexString(4711));
    assertThat(routing.pid(pin)).hasValue(4711);
    assertThat(new StickyRouting(7).pid(pin)).isEmpty();
  }

  @Test
  void garbageNamesNoProcess() {
    StickyRouting routing = new StickyRouting(99);
    assertThat(routing.pid(null)).isEmpty();
    assertThat(routing.pid("")).isEmpty();
    assertThat(routing.pid("not-hex")).isEmpty();
    assertThat(routing.pid("1".repeat(17))).isEmpty();
  }
}
