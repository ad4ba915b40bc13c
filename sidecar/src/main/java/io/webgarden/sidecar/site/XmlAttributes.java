package io.webgarden.sidecar.site;

import java.util.Locale;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;

/** Typed reads of one element's attributes; bad values become errors that carry the position. */
final class XmlAttributes {
  private final String element;
  private final Attributes attributes;
  private final Locator locator;

  XmlAttributes(String element, Attributes attributes, Locator locator) {
    this.element = element;
    this.attributes = attributes;
    this.locator = locator;
  }

  int line() {
    return locator.getLineNumber();
  }

  Attributes raw() {
    return attributes;
  }

  /** The value, or null when the attribute is absent. */
  String get(String name) {
    return attributes.getValue(name);
  }

  String get(String name, String absent) {
    String value = attributes.getValue(name);
    return value == null ? absent : value;
  }

  String required(String name) throws SAXParseException {
    String value = attributes.getValue(name);
    if (value == null || value.isBlank()) {
      throw invalid("<" + element + "> needs a non-empty '" + name + "' attribute");
    }
    return value;
  }

  boolean bool(String name, boolean absent) throws SAXParseException {
    String value = attributes.getValue(name);
    if (value == null) {
      return absent;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw invalid("<" + element + " " + name + "=\"" + value + "\">: write true or false");
    };
  }

  int integer(String name, int absent, int min, int max) throws SAXParseException {
    return (int) number(name, absent, min, max);
  }

  long number(String name, long absent, long min, long max) throws SAXParseException {
    String value = attributes.getValue(name);
    if (value == null) {
      return absent;
    }
    try {
      long number = Long.parseLong(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the allowed range
    }
    throw invalid(
        "<"
            + element
            + " "
            + name
            + "=\""
            + value
            + "\">: write a whole number from "
            + min
            + " to "
            + max);
  }

  /** An error about this element's values, positioned at the element. */
  SAXParseException invalid(String problem) {
    return new InvalidConfigValue(problem, locator);
  }

  /** Marks errors in values, as opposed to the XML parser's own well-formedness errors. */
  static final class InvalidConfigValue extends SAXParseException {
    private static final long serialVersionUID = 1L;

    InvalidConfigValue(String message, Locator locator) {
      super(message, locator);
    }
  }
}
