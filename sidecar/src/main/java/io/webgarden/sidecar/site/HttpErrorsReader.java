package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.CollectionEdit.Add;
import io.webgarden.sidecar.site.CollectionEdit.Clear;
import io.webgarden.sidecar.site.CollectionEdit.Remove;
import io.webgarden.sidecar.site.HttpErrors.ErrorPage;
import io.webgarden.sidecar.site.HttpErrors.ResponseMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xml.sax.SAXParseException;

/** Collects {@code httpErrors} of one web.config. */
final class HttpErrorsReader {
  private final Path folder;
  private HttpErrors.ErrorMode errorMode;
  private HttpErrors.ExistingResponse existingResponse;
  private ResponseMode defaultResponseMode;
  private String defaultPath;
  private final List<CollectionEdit<ErrorPage>> pages = new ArrayList<>();
  private boolean used;

  /**
   * @param folder the folder of the web.config, against which File paths resolve
   */
  HttpErrorsReader(Path folder) {
    this.folder = folder;
  }

  void element(String below, XmlAttributes element) throws SAXParseException {
    used = true;
    switch (below) {
      case "" -> {
        String mode = element.get("errorMode");
        if (mode != null) {
          errorMode =
              choice(
                  element,
                  "errorMode",
                  mode,
                  HttpErrors.ErrorMode.values(),
                  "DetailedLocalOnly, Custom or Detailed");
        }
        String existing = element.get("existingResponse");
        if (existing != null) {
          existingResponse =
              choice(
                  element,
                  "existingResponse",
                  existing,
                  HttpErrors.ExistingResponse.values(),
                  "Auto, Replace or PassThrough");
        }
        String responseMode = element.get("defaultResponseMode");
        if (responseMode != null) {
          defaultResponseMode = responseMode(element, "defaultResponseMode", responseMode);
        }
        defaultPath = element.get("defaultPath", defaultPath);
      }
      case "/error" -> {
        int status = element.integer("statusCode", 0, 400, 999);
        if (status == 0) {
          throw element.invalid("<error> needs a statusCode from 400 to 999");
        }
        int subStatus = element.integer("subStatusCode", -1, -1, 999);
        String path = element.required("path").trim();
        String written = element.get("responseMode");
        ResponseMode mode =
            written == null ? ResponseMode.FILE : responseMode(element, "responseMode", written);
        if (mode == ResponseMode.EXECUTE_URL && !path.startsWith("/")) {
          throw element.invalid(
              "<error statusCode=\""
                  + status
                  + "\" path=\""
                  + path
                  + "\""
                  + " responseMode=\"ExecuteURL\">: the path of ExecuteURL is a URL of this site"
                  + " starting with '/', e.g. \"/errors/404.html\"");
        }
        pages.add(
            new Add<>(
                HttpErrors.key(status, subStatus),
                new ErrorPage(
                    status,
                    subStatus,
                    path,
                    mode,
                    mode == ResponseMode.FILE ? file(path, element) : null)));
      }
      case "/remove" ->
          pages.add(
              new Remove<>(
                  HttpErrors.key(
                      element.integer("statusCode", 0, 0, 999),
                      element.integer("subStatusCode", -1, -1, 999))));
      case "/clear" -> pages.add(new Clear<>());
      default -> {
        // nothing else is defined below httpErrors
      }
    }
  }

  HttpErrorsSection build() {
    if (!used) {
      return HttpErrorsSection.NONE;
    }
    return new HttpErrorsSection(
        errorMode, existingResponse, defaultResponseMode, defaultPath, pages);
  }

  /**
   * The file a File path names, or null for IIS's own pages ({@code
   * %SystemDrive%\\inetpub\\custerr}, any drive path or {@code prefixLanguageFilePath}). Whoever
   * sends it checks it is in the site.
   */
  private Path file(String path, XmlAttributes element) {
    if (path.contains("%")
        || path.contains(":")
        || !element.get("prefixLanguageFilePath", "").isEmpty()) {
      return null;
    }
    return folder.resolve(path.replace('\\', '/')).normalize();
  }

  private static ResponseMode responseMode(XmlAttributes element, String name, String value)
      throws SAXParseException {
    return choice(element, name, value, ResponseMode.values(), "File, ExecuteURL or Redirect");
  }

  /** Matches IIS's spelling (DetailedLocalOnly, PassThrough, ExecuteURL) to an enum constant. */
  private static <E extends Enum<E>> E choice(
      XmlAttributes element, String name, String value, E[] values, String allowed)
      throws SAXParseException {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (E candidate : values) {
      if (candidate.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
        return candidate;
      }
    }
    throw element.invalid(name + "=\"" + value + "\": write " + allowed);
  }
}
