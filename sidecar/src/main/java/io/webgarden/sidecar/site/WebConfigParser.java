package io.webgarden.sidecar.site;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses one web.config with the JDK's SAX parser. DTDs are refused outright, so neither external
 * entities (XXE) nor entity expansion bombs can reach the file system or the heap.
 */
public final class WebConfigParser {
  private final SAXParserFactory factory;

  public WebConfigParser() {
    factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setValidating(false);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
    }
    factory.setXIncludeAware(false);
  }

  /** Reads and parses the file. */
  public WebConfig parse(Path file) throws WebConfigException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new WebConfigException(
          file, 0, 0, "cannot be read (" + e + "); check its permissions", e);
    }
    return parse(file, content);
  }

  /**
   * Parses content read elsewhere (the built-in applicationHost.config).
   *
   * @param file the name errors and {@link WebConfig#file()} carry
   */
  WebConfig parse(Path file, byte[] content) throws WebConfigException {
    // The text is only used to find attribute lines; the parser reads the bytes and honours the
    // declared encoding.
    WebConfigHandler handler =
        new WebConfigHandler(file, new String(content, StandardCharsets.UTF_8));
    try {
      InputSource source = new InputSource(new ByteArrayInputStream(content));
      source.setSystemId(file.toUri().toString());
      SAXParser parser;
      synchronized (factory) { // factories are not documented as thread-safe
        parser = factory.newSAXParser();
      }
      parser.parse(source, handler);
    } catch (XmlAttributes.InvalidConfigValue e) {
      throw new WebConfigException(file, e.getLineNumber(), e.getColumnNumber(), e.getMessage(), e);
    } catch (SAXParseException e) {
      throw new WebConfigException(file, e.getLineNumber(), e.getColumnNumber(), malformed(e), e);
    } catch (SAXException | ParserConfigurationException | IOException e) {
      throw new WebConfigException(file, 0, 0, "cannot be parsed: " + e.getMessage(), e);
    }
    return handler.result();
  }

  private static String malformed(SAXParseException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("DOCTYPE")) {
      return "a DOCTYPE declaration is not allowed (DTDs and external entities are refused for"
          + " safety); delete the <!DOCTYPE ...> part";
    }
    return "not well-formed XML: "
        + message
        + " Fix the markup at this position: an unclosed or"
        + " mismatched tag, a missing quote, or a bare '&' or '<' (write &amp; or &lt;) are the"
        + " usual causes.";
  }
}
