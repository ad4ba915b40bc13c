package io.webgarden.sidecar.site;

import java.util.Locale;

/**
 * {@code directoryBrowse/@showFlags}: which columns a directory listing shows.
 *
 * @param extension whether names keep their extension
 */
public record ListingColumns(
    boolean date, boolean time, boolean size, boolean extension, boolean longDate) {

  /** IIS's default, {@code "Date, Time, Size, Extension"}. */
  static final ListingColumns DEFAULTS = new ListingColumns(true, true, true, true, false);

  /** Parses the flags ({@code None} or a comma-separated list); null for an unknown flag. */
  static ListingColumns parse(String flags) {
    boolean date = false;
    boolean time = false;
    boolean size = false;
    boolean extension = false;
    boolean longDate = false;
    for (String flag : flags.split(",")) {
      switch (flag.trim().toLowerCase(Locale.ROOT)) {
        case "date" -> date = true;
        case "time" -> time = true;
        case "size" -> size = true;
        case "extension" -> extension = true;
        case "longdate" -> longDate = true;
        case "none", "" -> {
          // nothing shown
        }
        default -> {
          return null;
        }
      }
    }
    return new ListingColumns(date, time, size, extension, longDate);
  }
}
