package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.rewrite.RejectedUrlException;
import io.webgarden.sidecar.site.rewrite.RequestUrl;
import io.webgarden.sidecar.site.rewrite.RewriteContext;
import java.io.File;
import java.nio.file.Path;

/** Server variables and file checks for one request's run of the rewrite rules. */
final class RequestRewriteContext implements RewriteContext {
  private final Path root;
  private final RequestFacts request;
  private final RequestUrl original;

  RequestRewriteContext(Path root, RequestFacts request, RequestUrl original) {
    this.root = root;
    this.request = request;
    this.original = original;
  }

  @Override
  public RequestUrl original() {
    return original;
  }

  @Override
  public String serverVariable(String upperName, RequestUrl current) {
    String value =
        switch (upperName) {
          case "REQUEST_FILENAME" -> root.resolve(current.path().substring(1)).toString();
          case "REQUEST_URI", "UNENCODED_URL" -> original.rawPathAndQuery();
          case "URL", "PATH_INFO", "SCRIPT_NAME" -> current.path();
          case "QUERY_STRING" -> current.query();
          case "HTTP_HOST", "SERVER_NAME" -> request.host();
          case "HTTPS" -> request.https() ? "on" : "off";
          case "SERVER_PORT_SECURE" -> request.https() ? "1" : "0";
          case "SERVER_PORT" -> Integer.toString(request.serverPort());
          case "REMOTE_ADDR", "REMOTE_HOST" -> request.remoteAddress();
          case "REQUEST_METHOD" -> request.method();
          default -> upperName.startsWith("HTTP_") ? header(upperName) : null;
        };
    return value == null ? "" : value;
  }

  /** {@code HTTP_X_FORWARDED_FOR} is the {@code X-Forwarded-For} header. */
  private String header(String upperName) {
    return request.header().apply(upperName.substring(5).replace('_', '-'));
  }

  @Override
  public RequestUrl rewriteTo(String rawPath, String query) throws RejectedUrlException {
    return UrlPaths.decode(rawPath, query);
  }

  // java.io.File answers "no" without building an exception, which matters on the event loop:
  // negated IsFile checks (Azure's DynamicContent rule) ask about missing files all the time.
  @Override
  public boolean isFile(String physicalPath) {
    return !physicalPath.isEmpty()
        && physicalPath.indexOf('\0') < 0
        && new File(physicalPath).isFile();
  }

  @Override
  public boolean isDirectory(String physicalPath) {
    return !physicalPath.isEmpty()
        && physicalPath.indexOf('\0') < 0
        && new File(physicalPath).isDirectory();
  }
}
