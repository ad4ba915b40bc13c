package io.webgarden.operator.model;

import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The site-root web.config: {@code spec.webConfig} with {@code spec.entryPoint} registered as the
 * iisnode handler, or, without one, a minimal file that registers it and rewrites every URL that is
 * not a file to it (what Azure App Service generates for a node site).
 */
public final class WebConfig {
  private static final String DEFAULT =
      """
      <?xml version="1.0" encoding="utf-8"?>
      <!-- Rendered by webgarden-operator: spec.entryPoint as the iisnode handler. -->
      <configuration>
        <system.webServer>
          <handlers>
            <add name="iisnode" path="%1$s" verb="*" modules="iisnode"/>
          </handlers>
          <rewrite>
            <rules>
              <rule name="webgarden-entry-point">
                <conditions>
                  <add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true"/>
                </conditions>
                <action type="Rewrite" url="%1$s"/>
              </rule>
            </rules>
          </rewrite>
        </system.webServer>
      </configuration>
      """;

  private WebConfig() {}

  public static String render(String entryPoint, String userWebConfig) {
    if (userWebConfig == null) {
      return DEFAULT.formatted(escape(entryPoint));
    }
    try {
      return withHandler(entryPoint, userWebConfig);
    } catch (Exception e) {
      // Not well-formed: SpecChecks reports it and nothing is applied, so keep it verbatim.
      return userWebConfig;
    }
  }

  private static String withHandler(String entryPoint, String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    Element handlers = child(child(doc.getDocumentElement(), "system.webServer"), "handlers");
    NodeList adds = handlers.getElementsByTagName("add");
    for (int i = 0; i < adds.getLength(); i++) {
      Element add = (Element) adds.item(i);
      if ("iisnode".equals(add.getAttribute("modules"))
          && entryPoint.equals(add.getAttribute("path"))) {
        return xml; // already registered: leave the user's file byte for byte
      }
    }
    Element add = doc.createElement("add");
    add.setAttribute("name", "iisnode-webgarden");
    add.setAttribute("path", entryPoint);
    add.setAttribute("verb", "*");
    add.setAttribute("modules", "iisnode");
    handlers.appendChild(add);
    TransformerFactory transformers = TransformerFactory.newInstance();
    transformers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    var transformer = transformers.newTransformer();
    transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "no");
    StringWriter out = new StringWriter();
    transformer.transform(new DOMSource(doc), new StreamResult(out));
    return out.toString();
  }

  private static Element child(Element parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    Element created = parent.getOwnerDocument().createElement(name);
    parent.appendChild(created);
    return created;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}
