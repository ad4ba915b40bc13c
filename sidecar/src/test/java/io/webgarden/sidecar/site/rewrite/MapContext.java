package io.webgarden.sidecar.site.rewrite;

import java.util.Map;
import java.util.Set;

/**
 * A rewrite context without a disk: server variables from a map, the given set of existing files,
 * and rewritten URLs taken literally unless they contain "..".
 */
final class MapContext implements RewriteContext {
  private final RequestUrl original;
  private final Map<String, String> variables;
  private final Set<String> files;

  MapContext(RequestUrl original, Map<String, String> variables, Set<String> files) {
    this.original = original;
    this.variables = variables;
    this.files = files;
  }

  static RequestUrl url(String path, String query) {
    return new RequestUrl(path, path, query);
  }

  @Override
  public RequestUrl original() {
    return original;
  }

  @Override
  public String serverVariable(String upperName, RequestUrl current) {
    return upperName.equals("URL") ? current.path() : variables.getOrDefault(upperName, "");
  }

  @Override
  public RequestUrl rewriteTo(String rawPath, String query) throws RejectedUrlException {
    if (rawPath.contains("..")) {
      throw new RejectedUrlException(403, "'..' in the path");
    }
    return url(rawPath, query);
  }

  @Override
  public boolean isFile(String physicalPath) {
    return files.contains(physicalPath);
  }

  @Override
  public boolean isDirectory(String physicalPath) {
    return false;
  }
}
