package io.webgarden.sidecar.site;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code system.webServer/caching} in effect for a folder: IIS's output cache for responses of node
 * applications, merged down the chain.
 *
 * @param enabled {@code @enabled} (user-mode output cache)
 * @param enableKernelCache {@code @enableKernelCache}
 * @param maxResponseSize {@code @maxResponseSize}: larger responses are not cached
 * @param profiles {@code profiles/add} by lower-case extension ({@code ".js"}, {@code "*"})
 */
public record OutputCaching(
    boolean enabled,
    boolean enableKernelCache,
    long maxResponseSize,
    Map<String, Profile> profiles) {

  /** IIS's schema defaults, with no profiles: nothing is cached until a profile says so. */
  static final OutputCaching SCHEMA_DEFAULTS = new OutputCaching(true, true, 262_144, Map.of());

  public OutputCaching {
    profiles = Map.copyOf(profiles);
  }

  /** A profile's {@code policy} and {@code kernelCachePolicy} values. */
  public enum Policy {
    DONT_CACHE,
    CACHE_UNTIL_CHANGE,
    CACHE_FOR_TIME_PERIOD,
    DISABLE_CACHE;

    boolean caches() {
      return this == CACHE_UNTIL_CHANGE || this == CACHE_FOR_TIME_PERIOD;
    }
  }

  /**
   * One profile.
   *
   * @param varyByQueryString {@code "*"} (the whole query), or the query parameters that tell
   *     responses apart; empty: the query string does not matter
   * @param varyByHeaders the request headers that tell responses apart
   */
  public record Profile(
      String extension,
      Policy policy,
      Policy kernelCachePolicy,
      Duration duration,
      List<String> varyByQueryString,
      List<String> varyByHeaders) {
    public Profile {
      varyByQueryString = List.copyOf(varyByQueryString);
      varyByHeaders = List.copyOf(varyByHeaders);
    }
  }

  /**
   * What to do for a request whose handler file has this extension: the profile and whether it
   * caches in user mode (varying as configured) or only in the kernel cache (IIS's kernel cache
   * never varies, so it keeps only responses to URLs without a query string); null: no caching.
   */
  public Decision decide(String extension, boolean hasQuery) {
    Profile profile = profiles.get(extension);
    if (profile == null) {
      profile = profiles.get("*");
    }
    if (profile == null) {
      return null;
    }
    if (enabled && profile.policy().caches()) {
      return new Decision(profile, profile.policy(), false);
    }
    if (enableKernelCache && profile.kernelCachePolicy().caches() && !hasQuery) {
      return new Decision(profile, profile.kernelCachePolicy(), true);
    }
    return null;
  }

  /**
   * A decision to cache.
   *
   * @param kernel whether it is the kernel cache's (no varying at all)
   */
  public record Decision(Profile profile, Policy policy, boolean kernel) {}

  OutputCaching with(OutputCachingSection own) {
    if (own == OutputCachingSection.NONE) {
      return this;
    }
    return new OutputCaching(
        own.enabled() != null ? own.enabled() : enabled,
        own.enableKernelCache() != null ? own.enableKernelCache() : enableKernelCache,
        own.maxResponseSize() != null ? own.maxResponseSize() : maxResponseSize,
        SiteConfigMerger.replay(profiles, own.profiles(), false, profile -> profile));
  }
}
