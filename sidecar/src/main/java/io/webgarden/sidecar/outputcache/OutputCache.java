package io.webgarden.sidecar.outputcache;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.proxy.ResponseCopy;
import io.webgarden.sidecar.site.OutputCaching;
import io.webgarden.sidecar.site.OutputCaching.Decision;
import io.webgarden.sidecar.site.OutputCaching.Policy;
import io.webgarden.sidecar.statics.HttpDates;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output cache: looks a request up, answers hits, and records cacheable misses as the proxy
 * relays them. Safe for all event loops; the map is guarded by itself.
 */
public final class OutputCache {
  private static final Pattern MAX_AGE = Pattern.compile("(?:s-maxage|max-age)\\s*=\\s*(\\d+)");

  private final long maxBytes;
  private final LongSupplier nanoClock;

  /** In access order, so the first entry is the least recently used. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

  private long totalBytes;

  /** A cached response. */
  private record Entry(int status, MultiMap headers, Buffer body, long expiresNanos) {}

  /** A cache bounded to an eighth of the heap, at most 64 MiB (IIS: half of the memory). */
  public static OutputCache sizedToHeap() {
    return new OutputCache(
        Math.min(Runtime.getRuntime().maxMemory() / 8, 64L << 20), System::nanoTime);
  }

  /**
   * @param maxBytes the bound on all cached bodies together
   * @param nanoClock {@link System#nanoTime} or a test's clock
   */
  public OutputCache(long maxBytes, LongSupplier nanoClock) {
    this.maxBytes = maxBytes;
    this.nanoClock = nanoClock;
  }

  /**
   * The cache key of a request, or null when it may not be cached: not a GET, carrying credentials,
   * or no profile caches its extension.
   *
   * @param app the application's name, e.g. {@code /app.js}
   * @param revision its configuration revision: keys of an older one are not found after a recycle
   * @param scriptName the file name of the application's script, whose extension picks the profile
   *     as IIS picks it by the handler's file
   */
  public static Lookup lookup(
      HttpServerRequest request,
      OutputCaching caching,
      String app,
      int revision,
      String scriptName) {
    // Most sites have no profile: that answer must cost nothing on the request path.
    if (caching.profiles().isEmpty()
        || request.method() != HttpMethod.GET
        || request.headers().contains("Authorization")) {
      return null;
    }
    int dot = scriptName.lastIndexOf('.');
    String extension = dot < 0 ? "." : scriptName.substring(dot).toLowerCase(Locale.ROOT);
    String query = request.query() == null ? "" : request.query();
    Decision decision = caching.decide(extension, !query.isEmpty());
    if (decision == null) {
      return null;
    }
    StringBuilder key =
        new StringBuilder(app).append('#').append(revision).append(' ').append(request.path());
    if (!decision.kernel()) {
      varyByQuery(key, query, decision.profile().varyByQueryString());
      for (String header : decision.profile().varyByHeaders()) {
        key.append('\n')
            .append(header.toLowerCase(Locale.ROOT))
            .append(": ")
            .append(String.valueOf(request.getHeader(header)));
      }
    }
    return new Lookup(key.toString(), decision, caching.maxResponseSize());
  }

  /** A request's key and what its profile decided. */
  public record Lookup(String key, Decision decision, long maxResponseSize) {}

  private static void varyByQuery(StringBuilder key, String query, List<String> vary) {
    if (vary.contains("*")) {
      key.append('?').append(query);
      return;
    }
    for (String name : vary) {
      key.append('\n').append(name).append('=');
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String pairName = equals < 0 ? pair : pair.substring(0, equals);
        if (pairName.equalsIgnoreCase(name)) {
          key.append(equals < 0 ? "" : pair.substring(equals + 1)).append('&');
        }
      }
    }
  }

  /** Answers from the cache; false on a miss (nothing is written then). */
  public boolean serve(HttpServerRequest request, Lookup lookup) {
    Entry entry;
    synchronized (entries) {
      entry = entries.get(lookup.key());
      if (entry != null && nanoClock.getAsLong() - entry.expiresNanos() > 0) {
        remove(lookup.key());
        entry = null;
      }
    }
    if (entry == null) {
      return false;
    }
    request.resume();
    HttpServerResponse response = request.response().setStatusCode(entry.status());
    response.headers().addAll(entry.headers());
    response.putHeader("Date", HttpDates.format(Instant.now().getEpochSecond()));
    response.end(entry.body());
    return true;
  }

  /** What the proxy gives the response of a miss to, so that it is kept if it may be. */
  public ResponseCopy recorder(Lookup lookup) {
    return new Recorder(lookup);
  }

  /** The cached bodies' total size now. */
  public long totalBytes() {
    synchronized (entries) {
      return totalBytes;
    }
  }

  private void store(String key, Entry entry) {
    synchronized (entries) {
      remove(key);
      entries.put(key, entry);
      totalBytes += entry.body().length();
      Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
      while (totalBytes > maxBytes && oldest.hasNext()) {
        Map.Entry<String, Entry> next = oldest.next();
        oldest.remove();
        totalBytes -= next.getValue().body().length();
      }
    }
  }

  private void remove(String key) {
    Entry gone = entries.remove(key);
    if (gone != null) {
      totalBytes -= gone.body().length();
    }
  }

  /** Collects one response; keeps it only when it ends, is small enough and may be cached. */
  private final class Recorder implements ResponseCopy {
    private final Lookup lookup;
    private final Buffer body = Buffer.buffer();
    private int status;
    private MultiMap headers;
    private Duration lifetime;

    Recorder(Lookup lookup) {
      this.lookup = lookup;
    }

    @Override
    public boolean head(int status, MultiMap responseHeaders) {
      if (status != 200
          || responseHeaders.contains("Set-Cookie")
          || "*".equals(responseHeaders.get("Vary"))) {
        return false;
      }
      lifetime = lifetime(responseHeaders.get("Cache-Control"));
      if (lifetime == null) {
        return false;
      }
      this.status = status;
      this.headers = MultiMap.caseInsensitiveMultiMap().addAll(responseHeaders);
      // A hit gets its own Date, and its length from the cached body.
      headers.remove("Date").remove("Transfer-Encoding").remove("Content-Length");
      return true;
    }

    /** How long the response may be kept, or null when the app forbids it. */
    private Duration lifetime(String cacheControl) {
      Policy policy = lookup.decision().policy();
      Duration configured =
          policy == Policy.CACHE_FOR_TIME_PERIOD
              ? lookup.decision().profile().duration()
              : Duration.ofDays(365);
      if (cacheControl == null) {
        return configured;
      }
      String value = cacheControl.toLowerCase(Locale.ROOT);
      if (value.contains("no-store") || value.contains("no-cache") || value.contains("private")) {
        return null;
      }
      Matcher maxAge = MAX_AGE.matcher(value);
      if (maxAge.find()) {
        Duration app = Duration.ofSeconds(Long.parseLong(maxAge.group(1)));
        return app.isZero() ? null : (app.compareTo(configured) < 0 ? app : configured);
      }
      return configured;
    }

    @Override
    public boolean chunk(Buffer chunk) {
      if (body.length() + chunk.length() > lookup.maxResponseSize()) {
        return false;
      }
      body.appendBuffer(chunk);
      return true;
    }

    @Override
    public void ended() {
      store(
          lookup.key(),
          new Entry(status, headers, body, nanoClock.getAsLong() + lifetime.toNanos()));
    }
  }
}
