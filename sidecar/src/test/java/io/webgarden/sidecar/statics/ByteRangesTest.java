package io.webgarden.sidecar.statics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangesTest {

  @ParameterizedTest
  @CsvSource({
    "bytes=0-0, 0, 1",
    "bytes=0-99, 0, 100",
    "bytes=0-, 0, 100",
    "bytes=99-, 99, 1",
    "bytes=-1, 99, 1",
    "bytes=-100, 0, 100",
    "bytes=-500, 0, 100",
    "bytes=50-99999999999999999999999, 50, 50",
    "' bytes=10-19 ', 10, 10",
    "Bytes=10-19, 10, 10"
  })
  void satisfiableRangesOfA100ByteFile(String header, long offset, long length) {
    assertThat(ByteRanges.parse(header, 100)).isEqualTo(new ByteRanges.Part(offset, length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=99999999999999999999-"})
  void rangesBeyondTheEndAreUnsatisfiable(String header) {
    assertThat(ByteRanges.parse(header, 100)).isInstanceOf(ByteRanges.Unsatisfiable.class);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "bytes=",
        "bytes=-",
        "bytes=5",
        "bytes=9-3",
        "bytes=a-b",
        "bytes=-x",
        "bytes=1-2,4-5",
        "lines=1-2",
        "bytes=+1-2",
        "bytes=1--2"
      })
  void absentInvalidOrMultipleRangesMeanTheWholeFile(String header) {
    assertThat(ByteRanges.parse(header, 100)).isInstanceOf(ByteRanges.Whole.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=0-", "bytes=-1", "bytes=0-0"})
  void nothingOfAnEmptyFileIsSatisfiable(String header) {
    assertThat(ByteRanges.parse(header, 0)).isInstanceOf(ByteRanges.Unsatisfiable.class);
  }

  @ParameterizedTest
  @CsvSource({"0, 1, 0", "10, 10, 19", "99, 1, 99"})
  void lastIsInclusive(long offset, long length, long last) {
    assertThat(new ByteRanges.Part(offset, length).last()).isEqualTo(last);
  }
}
