package io.webgarden.sidecar.statics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * HTTP-date (RFC 9110 section 5.6.7): formats IMF-fixdate and reads all three formats a recipient
 * must accept (IMF-fixdate, the obsolete RFC 850 form and asctime). Values are whole seconds since
 * the epoch, the resolution HTTP dates have.
 */
public final class HttpDates {

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter RFC_850 =
      new DateTimeFormatterBuilder()
          .appendPattern("EEEE, dd-MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
          .appendPattern(" HH:mm:ss 'GMT'")
          .toFormatter(Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter ASCTIME =
      new DateTimeFormatterBuilder()
          .appendPattern("EEE MMM ")
          .padNext(2)
          .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
          .appendPattern(" HH:mm:ss yyyy")
          .toFormatter(Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final List<DateTimeFormatter> READERS =
      List.of(DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME);

  private HttpDates() {}

  public static String format(long epochSeconds) {
    return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSeconds));
  }

  /** Returns the date in epoch seconds, or empty when the value is absent or not an HTTP-date. */
  static OptionalLong parse(String value) {
    if (value == null) {
      return OptionalLong.empty();
    }
    String trimmed = value.trim();
    for (DateTimeFormatter reader : READERS) {
      try {
        return OptionalLong.of(Instant.from(reader.parse(trimmed)).getEpochSecond());
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    return OptionalLong.empty();
  }
}
