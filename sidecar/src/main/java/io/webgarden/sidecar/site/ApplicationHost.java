package io.webgarden.sidecar.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The built-in server level of the configuration chain: IIS's applicationHost.config defaults for
 * the sections webgarden implements, read from a resource by the same parser as a site's
 * web.config, so that a site's {@code <remove>} and {@code <clear>} act on them as under IIS.
 */
final class ApplicationHost {
  private static final String RESOURCE = "applicationHost.config";

  /** Parsed once; immutable. */
  static final WebConfig CONFIG = load();

  /** The request filtering every site starts from. */
  static final RequestFiltering REQUEST_FILTERING =
      RequestFiltering.SCHEMA_DEFAULTS.with(CONFIG.requestFiltering());

  /** The MIME map, client cache and directory browsing every site starts from. */
  static final StaticContent STATIC_CONTENT =
      StaticContent.SCHEMA_DEFAULTS.with(CONFIG.staticContent());

  /** The custom error configuration every site starts from. */
  static final HttpErrors HTTP_ERRORS = HttpErrors.SCHEMA_DEFAULTS.with(CONFIG.httpErrors());

  private ApplicationHost() {}

  private static WebConfig load() {
    try (InputStream in = ApplicationHost.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the sidecar's jar");
      }
      return new WebConfigParser().parse(Path.of("(built-in) " + RESOURCE), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (WebConfigException e) {
      throw new IllegalStateException("the built-in " + RESOURCE + " is broken: " + e, e);
    }
  }
}
