package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.CollectionEdit.Add;
import io.webgarden.sidecar.site.CollectionEdit.Clear;
import io.webgarden.sidecar.site.CollectionEdit.Remove;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.xml.sax.SAXParseException;

/** Collects the elements below {@code security/requestFiltering} of one web.config. */
final class RequestFilteringReader {
  /** IIS stores these limits as uint. */
  private static final long UINT_MAX = 4_294_967_295L;

  private final Consumer<String> notes;
  private Boolean allowDoubleEscaping;
  private Boolean allowHighBitCharacters;
  private Long maxAllowedContentLength;
  private Long maxUrl;
  private Long maxQueryString;
  private final List<CollectionEdit<Long>> headerLimits = new ArrayList<>();
  private Boolean allowUnlistedExtensions;
  private final List<CollectionEdit<Boolean>> fileExtensions = new ArrayList<>();
  private Boolean allowUnlistedVerbs;
  private final List<CollectionEdit<Boolean>> verbs = new ArrayList<>();
  private final List<CollectionEdit<String>> hiddenSegments = new ArrayList<>();
  private final List<CollectionEdit<String>> denyUrlSequences = new ArrayList<>();
  private final List<CollectionEdit<String>> denyQueryStringSequences = new ArrayList<>();
  private boolean used;

  /**
   * @param notes receives what is ignored, with its line
   */
  RequestFilteringReader(Consumer<String> notes) {
    this.notes = notes;
  }

  /**
   * Reads one element.
   *
   * @param below its path below {@code requestFiltering}: "" for the element itself, else e.g.
   *     {@code /hiddenSegments/add}
   */
  void element(String below, XmlAttributes element) throws SAXParseException {
    used = true;
    switch (below) {
      case "" -> {
        allowDoubleEscaping = orNull(element, "allowDoubleEscaping", allowDoubleEscaping);
        allowHighBitCharacters = orNull(element, "allowHighBitCharacters", allowHighBitCharacters);
      }
      case "/requestLimits" -> {
        maxAllowedContentLength =
            limit(element, "maxAllowedContentLength", maxAllowedContentLength);
        maxUrl = limit(element, "maxUrl", maxUrl);
        maxQueryString = limit(element, "maxQueryString", maxQueryString);
      }
      case "/requestLimits/headerLimits/add" ->
          headerLimits.add(
              new Add<>(key(element, "header"), element.number("sizeLimit", 0, 0, UINT_MAX)));
      case "/requestLimits/headerLimits/remove" ->
          headerLimits.add(new Remove<>(key(element, "header")));
      case "/requestLimits/headerLimits/clear" -> headerLimits.add(new Clear<>());
      case "/fileExtensions" ->
          allowUnlistedExtensions = orNull(element, "allowUnlisted", allowUnlistedExtensions);
      case "/fileExtensions/add" ->
          fileExtensions.add(new Add<>(extension(element), element.bool("allowed", true)));
      case "/fileExtensions/remove" -> fileExtensions.add(new Remove<>(extension(element)));
      case "/fileExtensions/clear" -> fileExtensions.add(new Clear<>());
      case "/verbs" -> allowUnlistedVerbs = orNull(element, "allowUnlisted", allowUnlistedVerbs);
      case "/verbs/add" ->
          verbs.add(new Add<>(key(element, "verb"), element.bool("allowed", true)));
      case "/verbs/remove" -> verbs.add(new Remove<>(key(element, "verb")));
      case "/verbs/clear" -> verbs.add(new Clear<>());
      case "/hiddenSegments/add" ->
          hiddenSegments.add(new Add<>(key(element, "segment"), segment(element)));
      case "/hiddenSegments/remove" -> hiddenSegments.add(new Remove<>(key(element, "segment")));
      case "/hiddenSegments/clear" -> hiddenSegments.add(new Clear<>());
      case "/denyUrlSequences/add" ->
          denyUrlSequences.add(
              new Add<>(key(element, "sequence"), element.required("sequence").trim()));
      case "/denyUrlSequences/remove" ->
          denyUrlSequences.add(new Remove<>(key(element, "sequence")));
      case "/denyUrlSequences/clear" -> denyUrlSequences.add(new Clear<>());
      case "/denyQueryStringSequences/add" ->
          denyQueryStringSequences.add(
              new Add<>(key(element, "sequence"), element.required("sequence").trim()));
      case "/denyQueryStringSequences/remove" ->
          denyQueryStringSequences.add(new Remove<>(key(element, "sequence")));
      case "/denyQueryStringSequences/clear" -> denyQueryStringSequences.add(new Clear<>());
      case "/hiddenSegments",
          "/denyUrlSequences",
          "/denyQueryStringSequences",
          "/requestLimits/headerLimits" -> {
        // only applyToWebDAV lives here, and webgarden has no WebDAV
      }
      default -> {
        if (below.indexOf('/', 1) < 0) {
          notes.accept(
              "line "
                  + element.line()
                  + ": requestFiltering"
                  + below
                  + " is not supported by webgarden and is ignored");
        }
      }
    }
  }

  RequestFilteringSection build() {
    if (!used) {
      return RequestFilteringSection.NONE;
    }
    return new RequestFilteringSection(
        allowDoubleEscaping,
        allowHighBitCharacters,
        maxAllowedContentLength,
        maxUrl,
        maxQueryString,
        headerLimits,
        allowUnlistedExtensions,
        fileExtensions,
        allowUnlistedVerbs,
        verbs,
        hiddenSegments,
        denyUrlSequences,
        denyQueryStringSequences);
  }

  private static Boolean orNull(XmlAttributes element, String name, Boolean earlier)
      throws SAXParseException {
    if (element.get(name) == null) {
      return earlier;
    }
    return element.bool(name, false);
  }

  private static Long limit(XmlAttributes element, String name, Long earlier)
      throws SAXParseException {
    if (element.get(name) == null) {
      return earlier;
    }
    return element.number(name, 0, 0, UINT_MAX);
  }

  /** {@code .js}; IIS writes extensionless URLs as {@code "."}. */
  private static String extension(XmlAttributes element) throws SAXParseException {
    String extension = key(element, "fileExtension");
    if (!extension.startsWith(".")) {
      throw element.invalid(
          "<add fileExtension=\""
              + element.get("fileExtension")
              + "\">: an extension starts with a dot, e.g. \".js\" (\".\" means none)");
    }
    return extension;
  }

  private static String segment(XmlAttributes element) throws SAXParseException {
    String segment = element.required("segment").trim();
    if (segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0) {
      throw element.invalid(
          "<add segment=\""
              + segment
              + "\">: a hidden segment is one folder or file name, without '/' or '\\'");
    }
    return segment;
  }

  private static String key(XmlAttributes element, String attribute) throws SAXParseException {
    return element.required(attribute).trim().toLowerCase(Locale.ROOT);
  }
}
