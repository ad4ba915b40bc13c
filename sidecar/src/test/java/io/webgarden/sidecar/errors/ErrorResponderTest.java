package io.webgarden.sidecar.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorResponderTest {
  @Test
  void devPagesAre200OnlyForFailuresOfTheApplication() {
    assertThat(ErrorResponder.devPageStatus(500)).isEqualTo(200);
    assertThat(ErrorResponder.devPageStatus(502)).isEqualTo(200);
    assertThat(ErrorResponder.devPageStatus(504)).isEqualTo(200);
    for (int kept : new int[] {400, 403, 404, 413, 414, 431, 501, 503}) {
      assertThat(ErrorResponder.devPageStatus(kept)).as("status %d", kept).isEqualTo(kept);
    }
  }
}
