package io.webgarden.sidecar.site;

import org.xml.sax.SAXParseException;

/**
 * {@code system.webServer/urlCompression}: whether responses of a folder are compressed. In one
 * file's view a null flag was not written; merged, both are set.
 *
 * @param doStaticCompression static files (IIS default true)
 * @param doDynamicCompression responses of node applications (default false: IIS installs no
 *     dynamic compression module by default)
 */
public record UrlCompression(Boolean doStaticCompression, Boolean doDynamicCompression) {
  static final UrlCompression NONE = new UrlCompression(null, null);
  static final UrlCompression DEFAULTS = new UrlCompression(true, false);

  static UrlCompression read(XmlAttributes element) throws SAXParseException {
    Boolean statics = null;
    Boolean dynamic = null;
    if (element.get("doStaticCompression") != null) {
      statics = element.bool("doStaticCompression", true);
    }
    if (element.get("doDynamicCompression") != null) {
      dynamic = element.bool("doDynamicCompression", false);
    }
    return new UrlCompression(statics, dynamic);
  }

  /** Whether static files are compressed (on a merged value). */
  public boolean staticFiles() {
    return Boolean.TRUE.equals(doStaticCompression);
  }

  /** Whether the responses of node applications are compressed (on a merged value). */
  public boolean dynamicResponses() {
    return Boolean.TRUE.equals(doDynamicCompression);
  }

  UrlCompression with(UrlCompression own) {
    return new UrlCompression(
        own.doStaticCompression != null ? own.doStaticCompression : doStaticCompression,
        own.doDynamicCompression != null ? own.doDynamicCompression : doDynamicCompression);
  }
}
