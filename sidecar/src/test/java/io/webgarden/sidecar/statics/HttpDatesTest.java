package io.webgarden.sidecar.statics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {

  /** RFC 9110's example instant, 1994-11-06T08:49:37Z. */
  private static final long EXAMPLE = 784111777L;

  @Test
  void formatsImfFixdateWithTwoDigitDays() {
    assertThat(HttpDates.format(EXAMPLE)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "  Sun, 06 Nov 1994 08:49:37 GMT  "
      })
  void readsAllThreeFormats(String value) {
    assertThat(HttpDates.parse(value)).hasValue(EXAMPLE);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "yesterday", "06 Nov 1994", "Sun, 06 Nov 1994 08:49:37 PST"})
  void anythingElseIsNoDate(String value) {
    assertThat(HttpDates.parse(value)).isEmpty();
  }

  @Test
  void roundTrips() {
    assertThat(HttpDates.parse(HttpDates.format(1_700_000_000L))).hasValue(1_700_000_000L);
  }
}
