package io.webgarden.sidecar.statics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import io.webgarden.sidecar.errors.Html;
import io.webgarden.sidecar.site.ListingColumns;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * IIS's directory listing ({@code directoryBrowse enabled="true"}): one line per entry with the
 * columns {@code showFlags} asks for, a link to the parent folder, in IIS's plain layout. The
 * folder is read on a worker thread; hidden entries never appear.
 */
public final class DirectoryListing {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LONG_DATE =
      DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("h:mm a", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final ErrorResponder errors = new ErrorResponder();

  public DirectoryListing(Vertx vertx) {
    this.vertx = vertx;
  }

  private record Entry(String name, boolean directory, BasicFileAttributes attributes) {}

  /** Answers {@code request} with the listing of {@code folder}, whose URL is {@code urlPath}. */
  public Future<Void> respond(
      HttpServerRequest request,
      Path folder,
      String urlPath,
      ListingColumns columns,
      Predicate<String> shown) {
    if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
      return errors.send(
          request,
          SidecarError.of(405, "method-not-allowed", "A folder listing answers GET and HEAD only.")
              .withHeaders(
                  Map.of(HttpHeaders.ALLOW.toString(), StaticFileResponder.ALLOWED_METHODS)
                      .entrySet()),
          false);
    }
    return vertx
        .executeBlocking(() -> read(folder, shown), false)
        .compose(
            entries ->
                request
                    .response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .end(
                        HttpMethod.HEAD.equals(request.method())
                            ? ""
                            : page(request.getHeader("Host"), urlPath, entries, columns)),
            failure ->
                errors.send(
                    request,
                    SidecarError.of(
                        500, "static-file-error", "The folder could not be listed: " + failure),
                    false));
  }

  private static List<Entry> read(Path folder, Predicate<String> shown) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      for (Path path : stream) {
        String name = path.getFileName().toString();
        if (!shown.test(name)) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException vanishedOrDangling) {
          continue;
        }
        if (attributes.isDirectory() || attributes.isRegularFile()) {
          entries.add(new Entry(name, attributes.isDirectory(), attributes));
        }
      }
    }
    entries.sort(Comparator.comparing(entry -> entry.name().toLowerCase(Locale.ROOT)));
    return entries;
  }

  private static String page(
      String host, String urlPath, List<Entry> entries, ListingColumns columns) {
    String title = Html.escape((host == null ? "" : host) + " - " + urlPath);
    StringBuilder html = new StringBuilder(256 + entries.size() * 96);
    html.append("<html><head><title>")
        .append(title)
        .append("</title></head><body><H1>")
        .append(title)
        .append("</H1><hr>\n\n<pre>");
    if (!urlPath.equals("/")) {
      String parent = urlPath.substring(0, urlPath.lastIndexOf('/', urlPath.length() - 2) + 1);
      html.append("<A HREF=\"")
          .append(Html.escape(href(parent)))
          .append("\">[To Parent Directory]</A><br><br>");
    }
    for (Entry entry : entries) {
      long millis = entry.attributes().lastModifiedTime().toMillis();
      Instant time = Instant.ofEpochMilli(millis);
      if (columns.longDate()) {
        html.append(String.format(Locale.ROOT, "%30s", LONG_DATE.format(time)));
      } else if (columns.date()) {
        html.append(String.format(Locale.ROOT, "%10s", DATE.format(time)));
      }
      if (columns.time()) {
        html.append(String.format(Locale.ROOT, "%9s", TIME.format(time)));
      }
      if (columns.size()) {
        html.append(
            String.format(
                Locale.ROOT,
                "%13s",
                entry.directory() ? "&lt;dir&gt;" : Long.toString(entry.attributes().size())));
      }
      String link = urlPath + entry.name() + (entry.directory() ? "/" : "");
      html.append(" <A HREF=\"")
          .append(Html.escape(href(link)))
          .append("\">")
          .append(Html.escape(label(entry, columns)))
          .append("</A><br>");
    }
    return html.append("</pre><hr></body></html>\n").toString();
  }

  private static String label(Entry entry, ListingColumns columns) {
    int dot = entry.name().lastIndexOf('.');
    return columns.extension() || entry.directory() || dot <= 0
        ? entry.name()
        : entry.name().substring(0, dot);
  }

  /** Percent-encodes what a path may not hold as is (spaces, '#', '?', non-ASCII). */
  private static String href(String path) {
    try {
      return new URI(null, null, path, null).toASCIIString().replace("?", "%3F");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(path, e);
    }
  }
}
