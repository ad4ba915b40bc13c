package io.webgarden.sidecar.config;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The recycleAtTimes setting, parsed: local times of day, {@code HH:mm;HH:mm}. */
public final class RecycleTimes {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("H:mm");

  private RecycleTimes() {}

  /**
   * @throws IllegalArgumentException naming the bad time
   */
  public static List<LocalTime> parse(String value) {
    List<LocalTime> times = new ArrayList<>();
    for (String raw : value.split(";")) {
      String time = raw.strip();
      if (time.isEmpty()) {
        continue;
      }
      try {
        times.add(LocalTime.parse(time, FORMAT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "recycleAtTimes entry `"
                + time
                + "` is not a time of day; write HH:mm, e.g. 03:00;15:30");
      }
    }
    return times;
  }
}
