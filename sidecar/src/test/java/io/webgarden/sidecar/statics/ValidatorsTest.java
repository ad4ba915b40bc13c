package io.webgarden.sidecar.statics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.webgarden.sidecar.statics.Validators.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorsTest {

  private static final String TAG = "\"18e-14\"";
  private static final Validators FILE = new Validators(TAG, 784111777L, 20);
  private static final String AT = "Sun, 06 Nov 1994 08:49:37 GMT";
  private static final String BEFORE = "Sun, 06 Nov 1994 08:49:36 GMT";

  @Test
  void etagAndSecondsComeFromMillisecondsAndSize() {
    assertThat(FILE.lastModified()).isEqualTo(AT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "                    |                        | PROCEED",
        "If-None-Match       | \"18e-14\"             | NOT_MODIFIED",
        "If-None-Match       | W/\"18e-14\"           | NOT_MODIFIED",
        "If-None-Match       | \"a\", \"18e-14\"      | NOT_MODIFIED",
        "If-None-Match       | *                      | NOT_MODIFIED",
        "If-None-Match       | \"18e-15\"             | PROCEED",
        "If-Modified-Since   | Sun, 06 Nov 1994 08:49:37 GMT | NOT_MODIFIED",
        "If-Modified-Since   | Sun, 06 Nov 1994 08:49:36 GMT | PROCEED",
        "If-Modified-Since   | garbage                | PROCEED",
        "If-Match            | \"18e-14\"             | PROCEED",
        "If-Match            | W/\"18e-14\"           | PRECONDITION_FAILED",
        "If-Match            | \"other\"              | PRECONDITION_FAILED",
        "If-Match            | *                      | PROCEED",
        "If-Unmodified-Since | Sun, 06 Nov 1994 08:49:37 GMT | PROCEED",
        "If-Unmodified-Since | Sun, 06 Nov 1994 08:49:36 GMT | PRECONDITION_FAILED",
        "If-Unmodified-Since | garbage                | PROCEED"
      })
  void evaluatesOneHeader(String name, String value, Outcome expected) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (name != null) {
      headers.add(name, value);
    }
    assertThat(FILE.evaluate(headers)).isEqualTo(expected);
  }

  @Test
  void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("If-None-Match", "\"stale\"")
            .add("If-Modified-Since", AT);
    assertThat(FILE.evaluate(headers)).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void ifMatchTakesPrecedenceOverIfUnmodifiedSince() {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap().add("If-Match", TAG).add("If-Unmodified-Since", BEFORE);
    assertThat(FILE.evaluate(headers)).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void failedIfMatchBeatsAMatchingIfNoneMatch() {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap().add("If-Match", "\"x\"").add("If-None-Match", TAG);
    assertThat(FILE.evaluate(headers)).isEqualTo(Outcome.PRECONDITION_FAILED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"18e-14\"                     | true",
        "W/\"18e-14\"                   | false",
        "\"other\"                      | false",
        "Sun, 06 Nov 1994 08:49:37 GMT | true",
        "Sun, 06 Nov 1994 08:49:38 GMT | false",
        "nonsense                      | false"
      })
  void ifRangeNeedsAStrongMatchOrTheExactDate(String ifRange, boolean applies) {
    assertThat(FILE.rangeApplies(ifRange)).isEqualTo(applies);
    assertThat(FILE.rangeApplies(null)).isTrue();
  }

  @Test
  void entityTagListsKeepQuotedCommas() {
    assertThat(Validators.entityTags(" \"a,b\" ,W/\"c\",, \"d\""))
        .containsExactly("\"a,b\"", "W/\"c\"", "\"d\"");
  }
}
