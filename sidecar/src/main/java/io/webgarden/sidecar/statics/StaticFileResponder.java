package io.webgarden.sidecar.statics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.MimeMapping;
import io.webgarden.sidecar.compression.CompressedFiles;
import io.webgarden.sidecar.compression.ContentCoding;
import io.webgarden.sidecar.errors.ErrorResponder;
import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a GET or HEAD for one regular file the way IIS's static file handler does: Content-Type
 * by extension, strong ETag and Last-Modified, conditional requests (304/412), a single byte range
 * (206/416), {@code Accept-Ranges: bytes}, and 405 for any other method.
 *
 * <p>The caller has already mapped the URL to {@code file} and checked that it is safe to serve
 * (inside the site, not hidden). This class only stats the file, asynchronously, and sends it with
 * {@link HttpServerResponse#sendFile(String, long, long)}, which is zero-copy on plain HTTP/1.x;
 * nothing reads a whole file into memory. Responses it makes on its own behalf carry a {@code
 * webgarden-error} header ({@link ErrorResponder#ERROR_HEADER}) naming the cause.
 */
public final class StaticFileResponder {

  /** The methods a static file answers to, as listed in a 405's {@code Allow}. */
  public static final String ALLOWED_METHODS = "GET, HEAD";

  private static final Logger LOG = LoggerFactory.getLogger(StaticFileResponder.class);
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final String RANGE = "Range";
  private static final String IF_RANGE = "If-Range";

  private final FileSystem fileSystem;
  private final ErrorResponder errors = new ErrorResponder();
  private final Clock clock;
  private final CompressedFiles compression;

  /** A responder that compresses nothing. */
  public StaticFileResponder(Vertx vertx, Clock clock) {
    this(vertx, clock, null);
  }

  /**
   * @param vertx whose file system stats the files
   * @param clock the source of the {@code Date} header every response carries
   * @param compression the compressed copies for files a request may get compressed, or null
   */
  public StaticFileResponder(Vertx vertx, Clock clock, CompressedFiles compression) {
    this.fileSystem = vertx.fileSystem();
    this.clock = clock;
    this.compression = compression;
  }

  /**
   * Writes the whole response for {@code request}. The returned future completes once the response
   * is sent; it fails only when nothing sensible could be sent any more (the client went away, or
   * the file shrank or vanished after the status line was written; then the connection is reset, so
   * the client cannot take the short body for a complete one). Such failures are already logged
   * here, so a caller may ignore the future.
   *
   * @param request a request whose response has not been started
   * @param file the already-resolved, already-checked file to serve
   */
  public Future<Void> respond(HttpServerRequest request, Path file) {
    return respond(request, file, new ServeOptions(contentType(file), Map.of(), true, false));
  }

  /**
   * Like {@link #respond(HttpServerRequest, Path)}, with the Content-Type, caching headers and ETag
   * the site's configuration asks for.
   */
  public Future<Void> respond(HttpServerRequest request, Path file, ServeOptions options) {
    String now = HttpDates.format(clock.instant().getEpochSecond());
    request.response().putHeader(HttpHeaders.DATE, now);
    HttpMethod method = request.method();
    if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
      request.response().putHeader(HttpHeaders.ALLOW, ALLOWED_METHODS);
      return error(request, 405, "method-not-allowed", "A static file answers GET and HEAD only.");
    }
    if (options.contentType() == null) {
      LOG.debug("no MIME type for {}: 404.3 for {}", file, request.uri());
      return error(
          request, 404, "mime-type-not-mapped", "No MIME type is mapped for " + file + ".");
    }
    String path = file.toAbsolutePath().toString();
    return fileSystem
        .props(path)
        .transform(
            stat ->
                stat.succeeded() && stat.result().isRegularFile()
                    ? answer(request, file, stat.result(), options)
                    : unavailable(request, file, stat.cause()));
  }

  private Future<Void> answer(
      HttpServerRequest request, Path file, FileProps props, ServeOptions options) {
    Validators validators = Validators.of(props);
    HttpServerResponse response = request.response();
    response
        .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
        .putHeader(HttpHeaders.LAST_MODIFIED, validators.lastModified());
    if (options.etag()) {
      response.putHeader(HttpHeaders.ETAG, validators.etag());
    }
    switch (validators.evaluate(request.headers())) {
      case PRECONDITION_FAILED:
        return error(request, 412, "precondition-failed", "A precondition of the request failed.");
      case NOT_MODIFIED:
        options.cacheHeaders().forEach(response::putHeader);
        return response.setStatusCode(304).end();
      default:
        break;
    }
    options.cacheHeaders().forEach(response::putHeader);
    response.putHeader(HttpHeaders.CONTENT_TYPE, options.contentType());
    long size = validators.size();
    boolean compressible =
        compression != null
            && options.compress()
            && compression.settings().compressible(options.contentType());
    if (compressible) {
      response.putHeader(HttpHeaders.VARY, "Accept-Encoding");
    }
    if (HttpMethod.HEAD.equals(request.method())) {
      // RFC 9110 defines Range for GET only, so HEAD always describes the whole file.
      return response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(size)).end();
    }
    String range = request.getHeader(RANGE);
    ByteRanges.Spec spec =
        validators.rangeApplies(request.getHeader(IF_RANGE))
            ? ByteRanges.parse(range, size)
            : new ByteRanges.Whole();
    if (spec instanceof ByteRanges.Part part) {
      response
          .setStatusCode(206)
          .putHeader(
              HttpHeaders.CONTENT_RANGE, "bytes " + part.offset() + "-" + part.last() + "/" + size);
      return send(request, file, part.offset(), part.length());
    }
    if (spec instanceof ByteRanges.Unsatisfiable) {
      response.headers().remove(HttpHeaders.CONTENT_TYPE);
      options.cacheHeaders().keySet().forEach(response.headers()::remove);
      response.putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
      return error(
          request, 416, "range-not-satisfiable", "The range starts past the end of the file.");
    }
    ContentCoding coding =
        compressible
                && range == null
                && size >= compression.settings().minFileSize()
                && size <= compression.maxFileSize()
            ? ContentCoding.choose(
                request.getHeader(HttpHeaders.ACCEPT_ENCODING), compression.brotli())
            : null;
    if (coding != null) {
      return sendCompressed(request, file, props, coding);
    }
    return send(request, file, 0, size);
  }

  /**
   * Sends the file's compressed copy. A range of it is never sent (a request with Range gets the
   * identity bytes), and its ETag is the weak form of the file's, as the bytes differ.
   */
  private Future<Void> sendCompressed(
      HttpServerRequest request, Path file, FileProps props, ContentCoding coding) {
    HttpServerResponse response = request.response();
    return compression
        .copy(file, props.size(), props.lastModifiedTime(), coding)
        .compose(
            copy -> {
              String etag = response.headers().get(HttpHeaders.ETAG);
              if (etag != null && !etag.startsWith("W/")) {
                response.putHeader(HttpHeaders.ETAG, "W/" + etag);
              }
              response
                  .putHeader(HttpHeaders.CONTENT_ENCODING, coding.token())
                  .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(copy.size()));
              return response
                  .sendFile(copy.path().toString(), 0, copy.size())
                  .recover(failure -> identity(request, file, props, failure));
            },
            failure -> identity(request, file, props, failure));
  }

  /** Compression failed (or its copy was evicted in between): send the file as it is. */
  private Future<Void> identity(
      HttpServerRequest request, Path file, FileProps props, Throwable failure) {
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      response.reset();
      return Future.failedFuture(failure);
    }
    LOG.warn("compressing {} failed ({}); sent as it is", file, failure.toString());
    response.headers().remove(HttpHeaders.CONTENT_ENCODING);
    String etag = response.headers().get(HttpHeaders.ETAG);
    if (etag != null && etag.startsWith("W/")) {
      response.putHeader(HttpHeaders.ETAG, etag.substring(2));
    }
    return send(request, file, 0, props.size());
  }

  private Future<Void> send(HttpServerRequest request, Path file, long offset, long length) {
    HttpServerResponse response = request.response();
    response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
    if (length == 0) {
      return response.end();
    }
    return response
        .sendFile(file.toAbsolutePath().toString(), offset, length)
        .recover(
            failure -> {
              if (!response.headWritten()) {
                // The file went away between stat and open: answer as if stat had failed.
                String date = response.headers().get(HttpHeaders.DATE);
                response.headers().clear().set(HttpHeaders.DATE, date);
                return unavailable(request, file, failure);
              }
              LOG.warn(
                  "static file {} failed mid-response to {} {}: {}",
                  file,
                  request.method(),
                  request.uri(),
                  failure.toString());
              response.reset();
              return Future.failedFuture(failure);
            });
  }

  /** The file could not be stat'ed or opened, or is not a regular file any more. */
  private Future<Void> unavailable(HttpServerRequest request, Path file, Throwable cause) {
    if (cause == null || hasCause(cause, NoSuchFileException.class, NotDirectoryException.class)) {
      LOG.debug("static file {} is gone or not a regular file: 404 for {}", file, request.uri());
      return error(request, 404, "not-found", "There is no file to serve at " + file + ".");
    }
    if (hasCause(cause, AccessDeniedException.class)) {
      LOG.warn("static file {} is not readable by the sidecar: 403 for {}", file, request.uri());
      return error(request, 403, "forbidden", "The sidecar may not read " + file + ".");
    }
    if (hasCause(cause, FileNotFoundException.class, FileSystemException.class)) {
      // RandomAccessFile reports a missing and an unreadable file alike; other errno values
      // (ENOTDIR for a path below a file, ELOOP, ENAMETOOLONG) arrive as a bare
      // FileSystemException. Each means "no such file to serve here", as IIS's 404 does.
      LOG.warn("static file {} cannot be served for {}: {}", file, request.uri(), cause.toString());
      return error(request, 404, "not-found", "There is no file to serve at " + file + ".");
    }
    LOG.warn("static file {} could not be read for {}: {}", file, request.uri(), cause.toString());
    return error(request, 500, "static-file-error", "The file could not be read: " + cause);
  }

  private Future<Void> error(HttpServerRequest request, int status, String cause, String summary) {
    return errors.sendKeepingHeaders(request, status, cause, summary);
  }

  private static String contentType(Path file) {
    Path name = file.getFileName();
    String type = name == null ? null : MimeMapping.mimeTypeForFilename(name.toString());
    return type == null ? OCTET_STREAM : type;
  }

  @SafeVarargs
  private static boolean hasCause(Throwable failure, Class<? extends Throwable>... types) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
