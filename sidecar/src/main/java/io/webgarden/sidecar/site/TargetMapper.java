package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.Resolution.NodeApp;
import io.webgarden.sidecar.site.Resolution.NotFound;
import io.webgarden.sidecar.site.Resolution.Redirect;
import io.webgarden.sidecar.site.Resolution.Refused;
import io.webgarden.sidecar.site.Resolution.StaticFile;
import io.webgarden.sidecar.site.rewrite.RequestUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The last stage of resolution, after URL Rewrite: the walked URL becomes a node application
 * (handler mapping), a default document, a courtesy redirect to the folder's slash form, or a
 * static file.
 */
final class TargetMapper {
  private final Path root;

  TargetMapper(Path root) {
    this.root = root;
  }

  Resolution map(String method, RequestUrl url, Walked walked) {
    PathWalk walk = walked.walk();
    SiteConfig config = walked.config();
    return switch (walk.stop()) {
      case FILE -> file(method, url, walk, config);
      case DIRECTORY -> folder(method, url, walk.target(), walked.defaultDocument(), config);
      case MISSING -> new NotFound("nothing at " + url.path());
      case ESCAPES ->
          new Refused(403, "a symbolic link in " + url.path() + " leads outside the site");
    };
  }

  private Resolution file(String method, RequestUrl url, PathWalk walk, SiteConfig config) {
    int scriptEnd = 0;
    for (int i = 0; i <= walk.directories(); i++) {
      scriptEnd += 1 + walk.segments().get(i).length();
    }
    String scriptUrl = url.path().substring(0, scriptEnd);
    String pathInfo = url.path().substring(scriptEnd);
    String name = walk.segments().get(walk.directories());
    return handle(method, url, walk.target(), name, scriptUrl, pathInfo, config);
  }

  private Resolution folder(
      String method, RequestUrl url, Path folder, Path defaultDocument, SiteConfig config) {
    if (!url.path().endsWith("/")) {
      // IIS's courtesy redirect, so that relative links in the folder's page resolve.
      String query = url.query().isEmpty() ? "" : "?" + url.query();
      return new Redirect(301, url.rawPath() + "/" + query);
    }
    if (defaultDocument != null) {
      String name = defaultDocument.getFileName().toString();
      return handle(method, url, defaultDocument, name, url.path() + name, "", config);
    }
    StaticContent statics = config.staticContent();
    if (statics.directoryBrowse()) {
      RequestFiltering filtering = config.requestFiltering();
      return new Resolution.DirectoryListing(
          folder,
          url.path(),
          statics.showFlags(),
          name ->
              !UrlPaths.isHiddenName(name) && RequestFilter.target(filtering, "/" + name) == null);
    }
    return new Refused(
        403, "no default document in " + url.path() + " and directory listing is off");
  }

  /** Handler mapping: the first handler whose path and verb both match decides, as in IIS. */
  private Resolution handle(
      String method,
      RequestUrl url,
      Path file,
      String name,
      String scriptUrl,
      String pathInfo,
      SiteConfig config) {
    HandlerMapping byNameOnly = null;
    for (HandlerMapping handler : config.handlers()) {
      if (!handler.matchesFileName(name)) {
        continue;
      }
      if (handler.allowsVerb(method)) {
        if (handler.isIisnode()) {
          return new NodeApp(
              file, scriptUrl, pathInfo, config.chain(), config, url.rawPathAndQuery());
        }
        byNameOnly = null;
        break; // another module (e.g. StaticFile) handles it
      }
      if (byNameOnly == null && handler.isIisnode()) {
        byNameOnly = handler;
      }
    }
    if (byNameOnly != null) {
      return new Refused(
          405,
          method
              + " is not in the verb list \""
              + String.join(",", byNameOnly.verbs())
              + "\" of handler '"
              + byNameOnly.name()
              + "'");
    }
    if (!pathInfo.isEmpty()) {
      return new NotFound(scriptUrl + " is a static file and takes no path info");
    }
    return new StaticFile(file, config);
  }

  /** The folder's first default document that exists, null when none (or they are off). */
  Path defaultDocument(Path folder, SiteConfig config) {
    if (config.defaultDocumentEnabled()) {
      for (String document : config.defaultDocuments()) {
        Path file = UrlPaths.isHiddenName(document) ? null : regularFile(folder, document);
        if (file != null) {
          return file;
        }
      }
    }
    return null;
  }

  /**
   * Finds a default document. IIS matches names case-insensitively; on a case-sensitive disk the
   * exact spelling and the lower-case one are tried ("Default.htm" finds "default.htm").
   */
  private Path regularFile(Path folder, String document) {
    Path exact = regular(folder.resolve(document));
    if (exact != null) {
      return exact;
    }
    String lower = document.toLowerCase(Locale.ROOT);
    return lower.equals(document) ? null : regular(folder.resolve(lower));
  }

  private Path regular(Path file) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        return PathWalk.staysInside(root, file) && Files.isRegularFile(file) ? file : null;
      }
      return attributes.isRegularFile() ? file : null;
    } catch (IOException absent) {
      return null;
    }
  }
}
