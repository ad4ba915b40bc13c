package io.webgarden.sidecar.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import io.webgarden.sidecar.errors.Failures;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostFailureTest {
  private static SidecarError answer(HostFailure.Kind kind) {
    return Failures.answer(new HostFailure(kind, "why", List.of("last line")));
  }

  @Test
  void aRequestTheApplicationCannotTakeNowIs503WithRetryAfter() {
    for (HostFailure.Kind kind :
        List.of(
            HostFailure.Kind.QUEUE_FULL,
            HostFailure.Kind.QUEUE_TIMEOUT,
            HostFailure.Kind.OUT_OF_SERVICE)) {
      assertThat(answer(kind).status()).as("%s", kind).isEqualTo(503);
      assertThat(answer(kind).retryAfterSeconds()).as("%s", kind).isEqualTo(1);
    }
    // A pod that is shutting down is leaving the Service: the retry should find another pod.
    assertThat(answer(HostFailure.Kind.SHUTTING_DOWN).retryAfterSeconds()).isEqualTo(5);
  }

  @Test
  void aProcessThatFailedIs500WithItsOutputAndNoRetryAfter() {
    SidecarError error = answer(HostFailure.Kind.APP_START_FAILED);
    assertThat(error.status()).isEqualTo(500);
    assertThat(error.cause()).isEqualTo("app-start-failed");
    assertThat(error.output()).containsExactly("last line");
    assertThat(error.retryAfterSeconds()).isZero();
  }
}
