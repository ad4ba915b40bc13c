package io.webgarden.sidecar.outputcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IIS's output cache in front of a real node app that counts the requests it sees. */
class OutputCacheIT {
  /** Counts every request; /stats and /private say no-store, /cookie sets a cookie. */
  private static final String COUNTER =
      """
      let seen = 0;
      require('http').createServer((req, res) => {
        seen++;
        const headers = {'Content-Type': 'application/json'};
        if (req.url.includes('/stats') || req.url.includes('/private')) {
          headers['Cache-Control'] = 'no-store';
        }
        if (req.url.includes('/cookie')) { headers['Set-Cookie'] = 'a=1'; }
        res.writeHead(200, headers);
        res.end(JSON.stringify({pid: process.pid, seen, url: req.url}));
      }).listen(process.env.PORT);
      // version 1
      """;

  @TempDir Path root;

  private void site(String profile) {
    new TestSite(root)
        .file(
            "web.config",
            TestSite.webConfig(
                """
        <handlers><add name="iisnode" path="app.js" verb="*" modules="iisnode"/></handlers>
        <caching><profiles>%s</profiles></caching>"""
                    .formatted(profile)))
        .file("app.js", COUNTER);
  }

  private static JsonObject json(RunningSidecar sidecar, String path) {
    var response = sidecar.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  @Test
  void aHitNeverReachesNodeAndVaryByQueryStringKeepsVariantsApart() {
    site(
        "<add extension=\".js\" policy=\"CacheForTimePeriod\" duration=\"00:05:00\""
            + " varyByQueryString=\"v\"/>");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      JsonObject first = json(sidecar, "/app.js/page?v=1");
      for (int i = 0; i < 5; i++) {
        assertThat(json(sidecar, "/app.js/page?v=1")).isEqualTo(first);
      }
      assertThat(json(sidecar, "/app.js/page?v=1&other=x").getString("url"))
          .as("other parameters do not vary")
          .isEqualTo("/app.js/page?v=1");
      assertThat(json(sidecar, "/app.js/page?v=2").getString("url")).isEqualTo("/app.js/page?v=2");
      // node saw: ?v=1 once, ?v=2 once, and now /stats (no-store, so never cached)
      assertThat(json(sidecar, "/app.js/stats").getInteger("seen")).isEqualTo(3);
      assertThat(json(sidecar, "/app.js/stats").getInteger("seen")).isEqualTo(4);
      assertThat(json(sidecar, "/app.js/cookie").getInteger("seen")).isEqualTo(5);
      assertThat(json(sidecar, "/app.js/cookie").getInteger("seen"))
          .as("a response setting a cookie is not cached")
          .isEqualTo(6);
    }
  }

  @Test
  void theKernelCacheKeepsOnlyUrlsWithoutQueryAndARecycleEmptiesTheCache() throws Exception {
    site("<add extension=\".js\" policy=\"DontCache\" kernelCachePolicy=\"CacheUntilChange\"/>");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      JsonObject cached = json(sidecar, "/app.js/k");
      assertThat(json(sidecar, "/app.js/k")).isEqualTo(cached);
      JsonObject withQuery = json(sidecar, "/app.js/k?x=1");
      assertThat(json(sidecar, "/app.js/k?x=1").getInteger("seen"))
          .isEqualTo(withQuery.getInteger("seen") + 1);

      // Changing the script recycles the application: the cache must not outlive it.
      Files.writeString(root.resolve("app.js"), COUNTER.replace("version 1", "version 2"));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () ->
                  assertThat(json(sidecar, "/app.js/k").getLong("pid"))
                      .isNotEqualTo(cached.getLong("pid")));
    }
  }

  @Test
  void withoutAProfileNothingIsCached() {
    site("");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      int seen = json(sidecar, "/app.js/x").getInteger("seen");
      assertThat(json(sidecar, "/app.js/x").getInteger("seen")).isEqualTo(seen + 1);
    }
  }

  @Test
  void aBadPolicyNamesTheLine() {
    site("<add extension=\".js\" policy=\"Forever\"/>");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      var response = sidecar.get("/app.js");
      assertThat(response.headers().firstValue("webgarden-error")).hasValue("config-error");
      assertThat(response.body()).contains("web.config line 4", "Forever", "CacheForTimePeriod");
    }
  }
}
