package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.CollectionEdit.Add;
import io.webgarden.sidecar.site.CollectionEdit.Clear;
import io.webgarden.sidecar.site.CollectionEdit.Remove;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.SAXParseException;

/** Collects {@code staticContent} and {@code directoryBrowse} of one web.config. */
final class StaticContentReader {
  /** IIS's TimeSpan format: {@code [d.]hh:mm:ss}. */
  private static final Pattern TIME_SPAN =
      Pattern.compile("(?:(\\d{1,5})\\.)?(\\d{1,2}):(\\d{1,2}):(\\d{1,2})");

  private final List<CollectionEdit<String>> mimeMaps = new ArrayList<>();
  private ClientCache.Mode cacheControlMode;
  private Duration cacheControlMaxAge;
  private String httpExpires;
  private String cacheControlCustom;
  private Boolean setEtag;
  private Boolean directoryBrowse;
  private ListingColumns showFlags;
  private boolean used;

  /** One element below {@code staticContent}: "" for itself, {@code /mimeMap}, … */
  void staticContent(String below, XmlAttributes element) throws SAXParseException {
    used = true;
    switch (below) {
      case "/mimeMap" -> mimeMaps.add(new Add<>(extension(element), mimeType(element)));
      case "/remove" -> mimeMaps.add(new Remove<>(extension(element)));
      case "/clear" -> mimeMaps.add(new Clear<>());
      case "/clientCache" -> clientCache(element);
      default -> {
        // staticContent's own attributes (document footers) are not supported
      }
    }
  }

  void directoryBrowse(XmlAttributes element) throws SAXParseException {
    used = true;
    if (element.get("enabled") != null) {
      directoryBrowse = element.bool("enabled", false);
    }
    String flags = element.get("showFlags");
    if (flags != null) {
      showFlags = ListingColumns.parse(flags);
      if (showFlags == null) {
        throw element.invalid(
            "<directoryBrowse showFlags=\""
                + flags
                + "\">: write None or a"
                + " comma-separated list of Date, Time, Size, Extension and LongDate");
      }
    }
  }

  StaticContentSection build() {
    if (!used) {
      return StaticContentSection.NONE;
    }
    return new StaticContentSection(
        mimeMaps,
        cacheControlMode,
        cacheControlMaxAge,
        httpExpires,
        cacheControlCustom,
        setEtag,
        directoryBrowse,
        showFlags);
  }

  private void clientCache(XmlAttributes element) throws SAXParseException {
    String mode = element.get("cacheControlMode");
    if (mode != null) {
      cacheControlMode = ClientCache.Mode.fromConfig(mode);
      if (cacheControlMode == null) {
        throw element.invalid(
            "<clientCache cacheControlMode=\""
                + mode
                + "\">: write"
                + " NoControl, DisableCache, UseMaxAge or UseExpires");
      }
    }
    String maxAge = element.get("cacheControlMaxAge");
    if (maxAge != null) {
      cacheControlMaxAge = timeSpan(element, maxAge);
    }
    String expires = element.get("httpExpires");
    if (expires != null) {
      try {
        DateTimeFormatter.RFC_1123_DATE_TIME.parse(expires.trim());
      } catch (DateTimeParseException e) {
        throw element.invalid(
            "<clientCache httpExpires=\""
                + expires
                + "\">: write an HTTP date"
                + " such as \"Tue, 19 Jan 2038 03:14:07 GMT\"");
      }
      httpExpires = expires.trim();
    }
    cacheControlCustom = element.get("cacheControlCustom", cacheControlCustom);
    if (element.get("setEtag") != null) {
      setEtag = element.bool("setEtag", true);
    }
  }

  private static Duration timeSpan(XmlAttributes element, String value) throws SAXParseException {
    return timeSpan(element, "cacheControlMaxAge", value);
  }

  /** Parses an IIS TimeSpan attribute; the error names the attribute. */
  static Duration timeSpan(XmlAttributes element, String name, String value)
      throws SAXParseException {
    Matcher matcher = TIME_SPAN.matcher(value.trim());
    if (matcher.matches()) {
      long days = matcher.group(1) == null ? 0 : Long.parseLong(matcher.group(1));
      int hours = Integer.parseInt(matcher.group(2));
      int minutes = Integer.parseInt(matcher.group(3));
      int seconds = Integer.parseInt(matcher.group(4));
      if (hours < 24 && minutes < 60 && seconds < 60) {
        return Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plusSeconds(seconds);
      }
    }
    throw element.invalid(
        name
            + "=\""
            + value
            + "\": write a time span as"
            + " days.hours:minutes:seconds, e.g. \"7.00:00:00\" for a week");
  }

  private static String extension(XmlAttributes element) throws SAXParseException {
    String extension = element.required("fileExtension").trim().toLowerCase(Locale.ROOT);
    if (!extension.startsWith(".")) {
      throw element.invalid(
          "<"
              + "mimeMap fileExtension=\""
              + element.get("fileExtension")
              + "\">: an extension starts with a dot, e.g. \".woff2\" (\".\" means none, \".*\" any)");
    }
    return extension;
  }

  private static String mimeType(XmlAttributes element) throws SAXParseException {
    String type = element.required("mimeType").trim();
    if (type.indexOf('/') <= 0 || type.indexOf('\n') >= 0 || type.indexOf('\r') >= 0) {
      throw element.invalid(
          "<mimeMap mimeType=\""
              + type
              + "\">: write a MIME type such as"
              + " \"application/json\"");
    }
    return type;
  }
}
