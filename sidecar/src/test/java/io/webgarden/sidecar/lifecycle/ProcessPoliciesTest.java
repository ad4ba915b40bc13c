package io.webgarden.sidecar.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.config.ConfigException;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.config.SettingsResolver;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessPoliciesTest {
  private static final LocalDateTime DAY = LocalDateTime.of(2026, 3, 14, 0, 0);

  private static Settings times(String value) throws ConfigException {
    return SettingsResolver.create(Optional.empty(), Map.of("IISNODE_recycleAtTimes", value))
        .resolve(List.of(), Optional.empty());
  }

  private static boolean crossed(String times, String from, String to) throws ConfigException {
    return ProcessPolicies.crossedRecycleTime(times(times), at(from), at(to));
  }

  /** "HH:mm:ss" on DAY, or "+HH:mm:ss" on the day after. */
  private static LocalDateTime at(String time) {
    boolean next = time.startsWith("+");
    LocalDateTime day = next ? DAY.plusDays(1) : DAY;
    return day.with(LocalTime.parse(next ? time.substring(1) : time));
  }

  @Test
  void aTimeBetweenTwoTicksIsCrossedOnce() throws ConfigException {
    assertThat(crossed("03:00;15:30", "02:59:59.900", "03:00:00.150")).isTrue();
    assertThat(crossed("03:00;15:30", "03:00:00.150", "03:00:00.400")).isFalse();
    assertThat(crossed("03:00;15:30", "15:29:59.800", "15:30:00")).as("end inclusive").isTrue();
    assertThat(crossed("03:00;15:30", "15:30:00", "15:30:00.250")).as("start exclusive").isFalse();
  }

  @Test
  void midnightWrapsAcrossTheDate() throws ConfigException {
    assertThat(crossed("00:00", "23:59:59.900", "+00:00:00.100")).isTrue();
    assertThat(crossed("23:59", "23:58:59.900", "23:59:00.100")).isTrue();
    assertThat(crossed("23:59", "23:59:59.900", "+00:00:00.100")).isFalse();
    assertThat(crossed("00:00", "+00:00:00.100", "+00:00:00.350")).isFalse();
  }

  @Test
  void noTimesOrAClockThatWentBackNeverRecycles() throws ConfigException {
    assertThat(crossed("", "02:00", "04:00")).isFalse();
    assertThat(crossed("03:00", "03:00:01", "02:59:59")).isFalse();
  }
}
