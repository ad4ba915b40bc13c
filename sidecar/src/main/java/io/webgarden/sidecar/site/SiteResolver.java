package io.webgarden.sidecar.site;

import io.webgarden.sidecar.site.Resolution.ConfigError;
import io.webgarden.sidecar.site.Resolution.NotFound;
import io.webgarden.sidecar.site.Resolution.Refused;
import io.webgarden.sidecar.site.rewrite.RejectedUrlException;
import io.webgarden.sidecar.site.rewrite.RequestUrl;
import io.webgarden.sidecar.site.rewrite.RewriteEngine;
import io.webgarden.sidecar.site.rewrite.RewriteOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Resolves request URLs against one site folder as IIS + iisnode + URL Rewrite would: decode and
 * refuse unsafe paths, hide configuration and dot files, run the rewrite rules of the URL's folder
 * chain, then map the resulting URL to a node application, a default document, a redirect or a
 * static file.
 *
 * <p>{@link #resolve} is meant for the event loop. Uncached, a request costs a few stats (one per
 * URL segment plus one or two per folder on the chain) and no parsing; web.config files are parsed
 * again only when their stat changes. With {@link #cacheResolutions} a URL path seen before costs
 * no system call at all (rewrite conditions that test the disk aside), and change events keep the
 * cache true to the disk.
 */
public final class SiteResolver {
  private final Path root;
  private final SiteConfigs configs;
  private final RewriteEngine engine;
  private final TargetMapper mapper;
  private volatile ResolutionCache cache;

  public SiteResolver(Path root) {
    this(new SiteConfigs(root, new WebConfigParser()), new RewriteEngine());
  }

  public SiteResolver(SiteConfigs configs, RewriteEngine engine) {
    this.root = configs.root();
    this.configs = configs;
    this.engine = engine;
    this.mapper = new TargetMapper(root);
  }

  /** The site root, absolute. */
  public Path root() {
    return root;
  }

  /** The configuration cache, for the file watcher ({@code invalidate}) and the settings code. */
  public SiteConfigs configs() {
    return configs;
  }

  /**
   * From now on, keeps what the disk says about each URL path (see {@link ResolutionCache}),
   * trusting it only for folders {@code events} reports changes of to {@link #changed}, and for at
   * most {@code maxAge} (for file systems that do not notify).
   */
  public void cacheResolutions(FolderEvents events, Duration maxAge) {
    cache = new ResolutionCache(root, events, maxAge, Files.isSymbolicLink(root));
  }

  /**
   * For the file watcher: {@code name} in {@code folder} was created, deleted, renamed or written
   * (null: the folder's events were lost). Forgets what was cached below that name only.
   */
  public void changed(Path folder, Path name) {
    ResolutionCache current = cache;
    if (current == null) {
      return;
    }
    if (!folder.startsWith(root)) { // the root's parent, watched when the root is a link
      if (name == null || name.equals(root.getFileName())) {
        invalidateAll(); // git-sync swapped the whole site
      }
    } else if (current.changed(folder, name)) {
      configs.invalidate(folder);
    }
  }

  /** How many URL paths the cache keeps now (0 without a cache): for tests. */
  int cachedPaths() {
    ResolutionCache current = cache;
    return current == null ? 0 : current.size();
  }

  /** For the file watcher: forgets the cached web.config of a folder and what was merged below. */
  public void invalidate(Path folder) {
    configs.invalidate(folder);
    changed(root.resolve(folder), null);
  }

  /**
   * Before an application's configuration is read again: forgets the parsed web.config files on its
   * folder's chain and the resolutions below its folder, and nothing else.
   */
  public void forgetChain(Path folder) {
    configs.forgetChain(folder);
    changed(root.resolve(folder), null);
  }

  /** For the file watcher: forgets every cached web.config, e.g. after the site was replaced. */
  public void invalidateAll() {
    ResolutionCache current = cache;
    if (current != null) {
      current.clear();
    }
    configs.invalidateAll();
  }

  /** Decides where a request goes. Never throws for request input. */
  public Resolution resolve(RequestFacts request) {
    RequestUrl original;
    try {
      original = UrlPaths.decode(request.rawPath(), request.query());
    } catch (RejectedUrlException e) {
      return new Refused(e.status(), e.getMessage());
    }
    if (UrlPaths.isHidden(original.path())) {
      return new NotFound(original.path() + " is hidden");
    }
    Walked walked = walked(original.path());
    SiteConfig config = walked.config();
    if (config.error() != null) {
      return configError(config.error());
    }
    Resolution.Filtered filtered =
        RequestFilter.check(config.requestFiltering(), request, original, walked.target());
    if (filtered != null) {
      return filtered;
    }
    RequestUrl url = original;
    if (!config.rewriteRules().isEmpty()) {
      RewriteOutcome outcome =
          engine.run(config.rewriteRules(), new RequestRewriteContext(root, request, original));
      if (!(outcome instanceof RewriteOutcome.Continue next)) {
        return ended(outcome);
      }
      url = next.url();
    }
    if (url != original) {
      if (UrlPaths.isHidden(url.path())) {
        return new NotFound(url.path() + " (rewritten from " + original.path() + ") is hidden");
      }
      walked = walked(url.path());
      config = walked.config();
      if (config.error() != null) {
        return configError(config.error());
      }
      filtered = walked.target();
      if (filtered != null) {
        return filtered;
      }
    }
    return mapper.map(request.method(), url, walked);
  }

  /** What the disk says about a decoded URL path: from the cache, else read now (and kept). */
  private Walked walked(String path) {
    ResolutionCache current = cache;
    Walked known = current == null ? null : current.get(path);
    if (known != null) {
      return known;
    }
    long before = current == null ? 0 : current.changes();
    PathWalk walk = PathWalk.walk(root, UrlPaths.segments(path));
    SiteConfig config = configs.forSegments(walk.segments(), walk.directories());
    Path document =
        walk.stop() == PathWalk.Stop.DIRECTORY && path.endsWith("/")
            ? mapper.defaultDocument(walk.target(), config)
            : null;
    Walked read =
        new Walked(walk, config, document, RequestFilter.target(config.requestFiltering(), path));
    if (current != null) {
      current.put(path, read, before);
    }
    return read;
  }

  /**
   * The custom error configuration for a request path: that of the deepest existing folder on it,
   * IIS's defaults when the chain is broken. Costs the stats of a walk; meant for error responses.
   */
  public HttpErrors httpErrors(String rawPath) {
    try {
      return walked(UrlPaths.decode(rawPath, "").path()).config().httpErrors();
    } catch (RejectedUrlException malformed) {
      return configs.forFolder(root).httpErrors();
    }
  }

  /** The static file a site URL names, as a GET would resolve it; null when it is none. */
  public Path staticFile(String url) {
    return resolve(RequestFacts.of("GET", url)) instanceof Resolution.StaticFile file
        ? file.file()
        : null;
  }

  /**
   * The node application scripts under the root: in every folder whose chain declares iisnode
   * handlers, the files those handlers map (skipping {@code node_modules}, hidden folders and
   * iisnode log folders). Walks the disk: call it off the event loop.
   */
  public List<Path> applications() throws IOException {
    return new ApplicationScanner(configs).scan();
  }

  private static Resolution ended(RewriteOutcome outcome) {
    if (outcome instanceof RewriteOutcome.Redirected redirected) {
      return new Resolution.Redirect(redirected.status(), redirected.location());
    }
    if (outcome instanceof RewriteOutcome.Responded responded) {
      return new Resolution.CustomResponse(
          responded.status(), responded.reason(), responded.description());
    }
    if (outcome instanceof RewriteOutcome.Refused refused) {
      return new Refused(refused.status(), refused.reason());
    }
    return new Resolution.Abort();
  }

  private static ConfigError configError(WebConfigException error) {
    // The file and line are fields already; the column goes with the problem.
    String where = error.column() > 0 ? " (column " + error.column() + ")" : "";
    return new ConfigError(error.file(), error.line(), error.problem() + where);
  }
}
