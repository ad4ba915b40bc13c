package io.webgarden.sidecar.outputcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.webgarden.sidecar.proxy.ResponseCopy;
import io.webgarden.sidecar.site.OutputCaching.Decision;
import io.webgarden.sidecar.site.OutputCaching.Policy;
import io.webgarden.sidecar.site.OutputCaching.Profile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the cache keeps, and within which bounds. */
class OutputCacheTest {
  private static final Decision FOR_A_MINUTE =
      new Decision(
          new Profile(
              ".js",
              Policy.CACHE_FOR_TIME_PERIOD,
              Policy.DONT_CACHE,
              Duration.ofMinutes(1),
              List.of(),
              List.of()),
          Policy.CACHE_FOR_TIME_PERIOD,
          false);

  private static boolean record(OutputCache cache, String key, int bytes, String cacheControl) {
    ResponseCopy copy = cache.recorder(new OutputCache.Lookup(key, FOR_A_MINUTE, 1000));
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (cacheControl != null) {
      headers.add("Cache-Control", cacheControl);
    }
    if (!copy.head(200, headers) || !copy.chunk(Buffer.buffer(new byte[bytes]))) {
      return false;
    }
    copy.ended();
    return true;
  }

  @Test
  void theTotalStaysWithinTheBoundAndBigOrPrivateResponsesAreNotKept() {
    OutputCache cache = new OutputCache(2500, System::nanoTime);
    for (int i = 0; i < 10; i++) {
      assertThat(record(cache, "k" + i, 900, null)).isTrue();
      assertThat(cache.totalBytes()).isLessThanOrEqualTo(2500);
    }
    assertThat(cache.totalBytes()).isEqualTo(1800);
    assertThat(record(cache, "big", 1001, null)).as("over maxResponseSize").isFalse();
    assertThat(record(cache, "private", 10, "private, max-age=60")).isFalse();
    assertThat(record(cache, "no-store", 10, "no-store")).isFalse();
    assertThat(record(cache, "zero", 10, "max-age=0")).isFalse();
    assertThat(record(cache, "public", 10, "public, max-age=30")).isTrue();
  }
}
