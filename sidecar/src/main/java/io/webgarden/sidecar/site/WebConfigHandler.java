package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.CollectionEdit.Add;
import io.webgarden.sidecar.site.CollectionEdit.Clear;
import io.webgarden.sidecar.site.CollectionEdit.Remove;
import io.webgarden.sidecar.site.rewrite.RewriteRule;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Routes the elements of one web.config by their path below {@code configuration}, collecting the
 * sections webgarden understands and ignoring the rest, as IIS ignores sections of modules it does
 * not run.
 */
final class WebConfigHandler extends DefaultHandler {
  private static final String WEB_SERVER = "configuration/system.webServer/";
  private static final String RULE = WEB_SERVER + "rewrite/rules/rule";
  private static final String REQUEST_FILTERING = WEB_SERVER + "security/requestFiltering";
  private static final String STATIC_CONTENT = WEB_SERVER + "staticContent";
  private static final String HTTP_ERRORS = WEB_SERVER + "httpErrors";
  private static final String CACHING = WEB_SERVER + "caching";

  private final Path file;
  private final AttributeLines attributeLines;
  private final Deque<String> paths = new ArrayDeque<>();
  private Locator locator;
  private int ignoredDepth;
  private RuleReader rule;

  private final List<CollectionEdit<HandlerMapping>> handlers = new ArrayList<>();
  private Boolean defaultDocumentEnabled;
  private final List<CollectionEdit<String>> defaultDocuments = new ArrayList<>();
  private final List<CollectionEdit<RewriteRule>> rules = new ArrayList<>();
  private final Map<String, Located> iisnode = new LinkedHashMap<>();
  private final List<CollectionEdit<InitializationPage>> initializationPages = new ArrayList<>();
  private final List<CollectionEdit<Map.Entry<String, String>>> appSettings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final RequestFilteringReader requestFiltering = new RequestFilteringReader(notes::add);
  private final StaticContentReader staticContent = new StaticContentReader();
  private final HttpErrorsReader httpErrors;
  private UrlCompression urlCompression = UrlCompression.NONE;
  private final OutputCachingSection.Reader caching = new OutputCachingSection.Reader();

  /** The handler of the {@code <location>} being read, which gets its elements; or null. */
  private WebConfigHandler location;

  private String locationPath;
  private int locationDepth;
  private final Map<String, WebConfig> locations = new LinkedHashMap<>();

  WebConfigHandler(Path file, String text) {
    this(file, new AttributeLines(text));
  }

  private WebConfigHandler(Path file, AttributeLines attributeLines) {
    this.file = file;
    this.attributeLines = attributeLines;
    Path folder = file.toAbsolutePath().getParent();
    this.httpErrors = new HttpErrorsReader(folder == null ? Path.of("") : folder);
  }

  WebConfig result() {
    return new WebConfig(
        file,
        handlers,
        defaultDocumentEnabled,
        defaultDocuments,
        rules,
        iisnode,
        initializationPages,
        appSettings,
        requestFiltering.build(),
        staticContent.build(),
        httpErrors.build(),
        urlCompression,
        caching.build(),
        locations,
        notes);
  }

  @Override
  public void setDocumentLocator(Locator locator) {
    this.locator = locator;
  }

  @Override
  public void startElement(String uri, String localName, String name, Attributes attributes)
      throws SAXException {
    if (location != null) {
      locationDepth++;
      location.startElement(uri, localName, name, attributes);
      return;
    }
    if (ignoredDepth > 0) {
      ignoredDepth++;
      return;
    }
    String parent = paths.isEmpty() ? "" : paths.peek();
    if (name.equals("location") && parent.equals("configuration")) {
      enterLocation(attributes.getValue("path"));
      return;
    }
    String path = parent.isEmpty() ? name : parent + '/' + name;
    paths.push(path);
    element(path, new XmlAttributes(name, attributes, locator));
  }

  /**
   * {@code <location path=".">} is this folder; {@code path="sub/folder"} is read as if it were
   * that folder's web.config (see {@link SiteConfigs}); a path that leaves the folder is ignored.
   */
  private void enterLocation(String locationPath) {
    String trimmed = locationPath == null ? "" : locationPath.trim();
    String folder = trimmed.replace('\\', '/').replaceAll("^/+|/+$", "");
    if (trimmed.isEmpty() || trimmed.equals(".")) {
      paths.push("configuration");
    } else if (!folder.isEmpty()
        && UrlPaths.segments("/" + folder).stream()
            .noneMatch(segment -> segment.equals("..") || segment.equals("."))) {
      location = new WebConfigHandler(file, attributeLines);
      location.setDocumentLocator(locator);
      location.paths.push("configuration");
      this.locationPath = String.join("/", UrlPaths.segments("/" + folder));
      locationDepth = 1;
    } else {
      notes.add(
          "line "
              + locator.getLineNumber()
              + ": <location path=\""
              + locationPath
              + "\"> ignored: a location must name a folder below this one");
      ignoredDepth = 1;
    }
  }

  @Override
  public void endElement(String uri, String localName, String name) {
    if (location != null) {
      if (--locationDepth == 0) {
        WebConfig config = location.result();
        notes.addAll(config.notes());
        locations.put(locationPath, config);
        location = null;
      } else {
        location.endElement(uri, localName, name);
      }
      return;
    }
    if (ignoredDepth > 0) {
      ignoredDepth--;
      return;
    }
    if (RULE.equals(paths.pop()) && rule != null) {
      rules.add(new Add<>(rule.key(), rule.build()));
      rule = null;
    }
  }

  private void element(String path, XmlAttributes element) throws SAXException {
    if (path.startsWith(RULE)) {
      ruleElement(path.substring(RULE.length()), element);
      return;
    }
    if (path.startsWith(REQUEST_FILTERING)) {
      requestFiltering.element(path.substring(REQUEST_FILTERING.length()), element);
      return;
    }
    if (path.startsWith(CACHING)) {
      caching.element(path.substring(CACHING.length()), element);
      return;
    }
    if (path.startsWith(HTTP_ERRORS)) {
      httpErrors.element(path.substring(HTTP_ERRORS.length()), element);
      return;
    }
    if (path.startsWith(STATIC_CONTENT)) {
      staticContent.staticContent(path.substring(STATIC_CONTENT.length()), element);
      return;
    }
    switch (path) {
      case WEB_SERVER + "handlers/add" ->
          handlers.add(new Add<>(key(element, "name"), handler(element)));
      case WEB_SERVER + "handlers/remove" -> handlers.add(new Remove<>(key(element, "name")));
      case WEB_SERVER + "handlers/clear" -> handlers.add(new Clear<>());
      case WEB_SERVER + "defaultDocument" -> defaultDocumentEnabled = element.bool("enabled", true);
      case WEB_SERVER + "defaultDocument/files/add" ->
          defaultDocuments.add(new Add<>(key(element, "value"), element.required("value").trim()));
      case WEB_SERVER + "defaultDocument/files/remove" ->
          defaultDocuments.add(new Remove<>(key(element, "value")));
      case WEB_SERVER + "defaultDocument/files/clear" -> defaultDocuments.add(new Clear<>());
      case WEB_SERVER + "directoryBrowse" -> staticContent.directoryBrowse(element);
      case WEB_SERVER + "urlCompression" -> urlCompression = UrlCompression.read(element);
      case WEB_SERVER + "httpCompression" ->
          notes.add(
              "line "
                  + element.line()
                  + ": httpCompression is a server-level section"
                  + " (IIS allows it in applicationHost.config only); webgarden uses IIS's defaults");
      case WEB_SERVER + "rewrite/rules/remove" -> rules.add(new Remove<>(key(element, "name")));
      case WEB_SERVER + "rewrite/rules/clear" -> rules.add(new Clear<>());
      case WEB_SERVER + "iisnode" -> iisnodeAttributes(element);
      case WEB_SERVER + "applicationInitialization/add" ->
          initializationPages.add(new Add<>(pageKey(element), initializationPage(element)));
      case WEB_SERVER + "applicationInitialization/remove" ->
          initializationPages.add(new Remove<>(pageKey(element)));
      case WEB_SERVER + "applicationInitialization/clear" -> initializationPages.add(new Clear<>());
      case "configuration/appSettings" -> appSettingsFile(element);
      case "configuration/appSettings/add" -> appSetting(element);
      case "configuration/appSettings/remove" -> appSettings.add(new Remove<>(key(element, "key")));
      case "configuration/appSettings/clear" -> appSettings.add(new Clear<>());
      default -> {
        // Sections of modules webgarden does not run (security, httpErrors, …) are ignored.
      }
    }
  }

  private void ruleElement(String below, XmlAttributes element) throws SAXException {
    switch (below) {
      case "" -> rule = new RuleReader(element);
      case "/match" -> rule.match(element);
      case "/conditions" -> rule.conditions(element);
      case "/conditions/add" -> rule.condition(element);
      case "/action" -> rule.action(element);
      case "/serverVariables" ->
          notes.add(
              "line "
                  + element.line()
                  + ": rule '"
                  + rule.key()
                  + "' sets serverVariables, which webgarden ignores");
      default -> {
        // nothing else is defined below a rule
      }
    }
  }

  private HandlerMapping handler(XmlAttributes element) throws SAXException {
    return new HandlerMapping(
        element.required("name"),
        element.required("path").trim(),
        HandlerMapping.parseVerbs(element.required("verb")),
        element.get("modules", ""),
        element.line());
  }

  private void iisnodeAttributes(XmlAttributes element) {
    Attributes raw = element.raw();
    for (int i = 0; i < raw.getLength(); i++) {
      int line =
          attributeLines.lineOf(
              "iisnode", raw.getQName(i), element.line(), locator.getColumnNumber());
      iisnode.put(raw.getQName(i), new Located(raw.getValue(i), file, line));
    }
  }

  private InitializationPage initializationPage(XmlAttributes element) throws SAXException {
    return new InitializationPage(
        element.required("initializationPage"), element.get("hostName", ""), element.line());
  }

  private static String pageKey(XmlAttributes element) throws SAXException {
    return (element.required("initializationPage") + '@' + element.get("hostName", ""))
        .toLowerCase(Locale.ROOT);
  }

  private void appSetting(XmlAttributes element) {
    String name = element.get("key", "");
    if (name.isEmpty()) {
      notes.add("line " + element.line() + ": appSettings entry without a key skipped");
      return;
    }
    appSettings.add(
        new Add<>(name.toLowerCase(Locale.ROOT), Map.entry(name, element.get("value", ""))));
  }

  private void appSettingsFile(XmlAttributes element) {
    if (element.get("file") != null || element.get("configSource") != null) {
      notes.add("line " + element.line() + ": appSettings from another file are not read");
    }
  }

  private static String key(XmlAttributes element, String attribute) throws SAXException {
    return element.required(attribute).trim().toLowerCase(Locale.ROOT);
  }
}
