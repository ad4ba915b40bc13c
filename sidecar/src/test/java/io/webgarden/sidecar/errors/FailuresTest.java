package io.webgarden.sidecar.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailuresTest {
  /** A failure as the host reports one: a full queue, with the process output it has. */
  private static final class Full extends RuntimeException implements SidecarFailure {
    Full() {
      super("the queue holds 3 requests, maxPendingRequests");
    }

    @Override
    public int status() {
      return 503;
    }

    @Override
    public String errorCause() {
      return "queue-full";
    }

    @Override
    public List<String> output() {
      return List.of("listening");
    }

    @Override
    public int retryAfterSeconds() {
      return 1;
    }
  }

  @Test
  void aFailureThatKnowsItsAnswerKeepsStatusCauseOutputAndRetryAfter() {
    SidecarError error = Failures.answer(new Full());
    assertThat(error.status()).isEqualTo(503);
    assertThat(error.cause()).isEqualTo("queue-full");
    assertThat(error.summary()).isEqualTo("the queue holds 3 requests, maxPendingRequests");
    assertThat(error.output()).containsExactly("listening");
    assertThat(error.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void anyOtherFailureIsTheSidecarsOwn500WithoutRetryAfter() {
    SidecarError error = Failures.answer(new IllegalStateException("boom"));
    assertThat(error.status()).isEqualTo(500);
    assertThat(error.cause()).isEqualTo("internal-error");
    assertThat(error.summary()).contains("boom");
    assertThat(error.retryAfterSeconds()).isZero();
  }

  @Test
  void aConfigErrorNamesFileAndLineOnlyWhenThereIsOne() {
    assertThat(Failures.configError("/site/web.config", 7, "bad value").summary())
        .isEqualTo("The configuration is invalid: /site/web.config line 7: bad value");
    assertThat(Failures.configError("IISNODE_maxPendingRequests", 0, "not a number").summary())
        .isEqualTo("The configuration is invalid: IISNODE_maxPendingRequests: not a number");
  }
}
