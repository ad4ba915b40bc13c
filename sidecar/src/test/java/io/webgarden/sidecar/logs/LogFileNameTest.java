package io.webgarden.sidecar.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogFileNameTest {

  @Test
  void namesAsIisnodeDidThenSequenceSuffixes() {
    LogFileName first = new LogFileName("web-7d9f", 123, "stdout", 1_700_000_000_000L, 0);

    assertThat(first.fileName()).isEqualTo("web-7d9f-123-stdout-1700000000000.txt");
    assertThat(first.next().fileName()).isEqualTo("web-7d9f-123-stdout-1700000000000-1.txt");
    assertThat(first.next().next().sequence()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({
    "web-7d9f-123-stdout-1700000000000.txt, web-7d9f, 123, stdout, 1700000000000, 0",
    "host-1-stderr-5-12.txt, host, 1, stderr, 5, 12",
    "a.b_c-9-stdout-0.txt, a.b_c, 9, stdout, 0, 0",
  })
  void parsesItsOwnNames(String file, String host, long pid, String stream, long start, int seq) {
    LogFileName name = LogFileName.parse(file).orElseThrow();

    assertThat(name).isEqualTo(new LogFileName(host, pid, stream, start, seq));
    assertThat(name.fileName()).isEqualTo(file);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "index.html",
        "notes.txt",
        "../h-1-stdout-2.txt",
        "h-1-stdout-2.txt/..",
        "sub/h-1-stdout-2.txt",
        "h-1-stdin-2.txt",
        "h-1-stdout-2-0.txt",
        "h-1-stdout-2.txt.bak",
        "%2e%2e-1-stdout-2.txt",
        "h-1-stdout-99999999999999999999.txt",
        "-1-stdout-2.txt",
        "h--1-stdout-2.txt"
      })
  void refusesEverythingElse(String file) {
    assertThat(LogFileName.parse(file)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "web-7d9f, web-7d9f",
    "my host/../x, my_host_.._x",
    "--a--b--, a-b",
    "'', host",
    "Ünï, _n_",
  })
  void hostNamesAreMadeSafeForFileNames(String host, String safe) {
    assertThat(LogFileName.safeHost(host)).isEqualTo(safe);
    assertThat(LogFileName.parse(new LogFileName(safe, 1, "stdout", 2, 0).fileName())).isPresent();
  }
}
