package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.app;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.metric;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.pid;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.pids;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.rewrite;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.NodeApps;
import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto-update: real files change under a running sidecar, real node processes follow. */
class AutoUpdateIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir Path root;

  @Test
  void rewritingTheEntryScriptServesTheNewVersionWhileRequestsKeepSucceeding() throws Exception {
    new TestSite(root).handler("", "app.js", "").file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(version(sidecar.get("/app.js"))).isEqualTo("v1");
      List<Integer> statuses = new CopyOnWriteArrayList<>();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread load =
          new Thread(
              () -> {
                for (int i = 0; i < 2000 && running.get(); i++) {
                  statuses.add(sidecar.get("/app.js").statusCode());
                }
              });
      load.start();

      rewrite(root.resolve("app.js"), app("v2"));

      await().atMost(DEADLINE).until(() -> version(sidecar.get("/app.js")).equals("v2"));
      running.set(false);
      load.join();
      assertThat(statuses).isNotEmpty().containsOnly(200);
      assertThat(metric(sidecar, "webgarden_recycles_total", "/app.js")).isEqualTo(1);
    }
  }

  @Test
  void webConfigAndIisnodeYmlChangesRecycleWithTheReReadProcessCount() {
    new TestSite(root)
        .handler("", "app.js", "nodeProcessCountPerApplication=\"1\"")
        .file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      sidecar.get("/app.js");
      assertThat(pids(sidecar, "/app.js", "ready")).hasSize(1);

      new TestSite(root).handler("", "app.js", "nodeProcessCountPerApplication=\"2\"");
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  pids(sidecar, "/app.js", "ready").size() == 2
                      && LifecycleLab.app(sidecar, "/app.js").getInteger("revision") == 2);

      new TestSite(root).file("iisnode.yml", "nodeProcessCountPerApplication: 3\n");
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  pids(sidecar, "/app.js", "ready").size() == 3
                      && LifecycleLab.app(sidecar, "/app.js").getInteger("revision") == 3);
    }
  }

  @Test
  void aWatchedFileInASubfolderCountsAndAMissingWatchedFolderIsFine() {
    new TestSite(root)
        .handler("", "app.js", "watchedFiles=\"*.js;lib\\*.js;missing\\*.json\"")
        .file(
            "app.js",
            """
            const http = require('http');
            const { version } = require('./lib/version.js');
            http.createServer((req, res) => res.end(JSON.stringify({ version, pid: process.pid })))
              .listen(process.env.PORT);
            """)
        .file("lib/version.js", "exports.version = 'v1';");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(version(sidecar.get("/app.js"))).isEqualTo("v1");

      rewrite(root.resolve("lib/version.js"), "exports.version = 'v2';");

      await().atMost(DEADLINE).until(() -> version(sidecar.get("/app.js")).equals("v2"));
    }
  }

  @Test
  void aConfigMapStyleSwapOfTheDataSymlinkIsSeen() throws Exception {
    Path site = Files.createDirectories(root.resolve("site"));
    writeConfigMapVersion(site, "..2026_01_01_00_00_00.1", "v1");
    Files.createSymbolicLink(site.resolve("..data"), Path.of("..2026_01_01_00_00_00.1"));
    Files.createSymbolicLink(site.resolve("app.js"), Path.of("..data/app.js"));
    Files.createSymbolicLink(site.resolve("web.config"), Path.of("..data/web.config"));
    try (RunningSidecar sidecar = RunningSidecar.start(site)) {
      assertThat(version(sidecar.get("/app.js"))).isEqualTo("v1");

      // What the kubelet does: a new timestamped folder, a new link, renamed over ..data.
      writeConfigMapVersion(site, "..2026_01_01_00_01_00.2", "v2");
      Files.createSymbolicLink(site.resolve("..data_tmp"), Path.of("..2026_01_01_00_01_00.2"));
      Files.move(
          site.resolve("..data_tmp"), site.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

      await().atMost(DEADLINE).until(() -> version(sidecar.get("/app.js")).equals("v2"));
    }
  }

  private static void writeConfigMapVersion(Path site, String folder, String version) {
    new TestSite(site.resolve(folder)).handler("", "app.js", "").file("app.js", app(version));
  }

  @Test
  void aGitSyncStyleSwapOfTheSymlinkedSiteFolderIsSeenByPolling() throws Exception {
    writeRevision("rev-1", "v1");
    Path site = Files.createSymbolicLink(root.resolve("current"), Path.of("rev-1"));
    try (RunningSidecar sidecar = RunningSidecar.start(site)) {
      assertThat(version(sidecar.get("/app.js"))).isEqualTo("v1");

      writeRevision("rev-2", "v2");
      Files.createSymbolicLink(root.resolve("current.tmp"), Path.of("rev-2"));
      Files.move(root.resolve("current.tmp"), site, StandardCopyOption.ATOMIC_MOVE);

      await().atMost(DEADLINE).until(() -> version(sidecar.get("/app.js")).equals("v2"));
    }
  }

  private void writeRevision(String folder, String version) {
    new TestSite(root.resolve(folder))
        .handler("", "app.js", "uncFileChangesPollingInterval=\"200\"")
        .file("app.js", app(version));
  }

  @Test
  void aNewVersionThatFailsToStartLeavesTheOldOneServingAndTheNextChangeRetries() {
    new TestSite(root).handler("", "app.js", "").file("app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long servingPid = pid(sidecar.get("/app.js"));

      rewrite(root.resolve("app.js"), NodeApps.THROWS_AT_LOAD);

      await()
          .atMost(DEADLINE)
          .until(() -> metric(sidecar, "webgarden_recycle_failures_total", "/app.js") == 1);
      HttpResponse<String> still = sidecar.get("/app.js");
      assertThat(version(still)).isEqualTo("v1");
      assertThat(pid(still)).isEqualTo(servingPid);

      rewrite(root.resolve("app.js"), app("v3"));

      await().atMost(DEADLINE).until(() -> version(sidecar.get("/app.js")).equals("v3"));
    }
  }

  @Test
  void malformedWatchedFilesOrRecycleAtTimesShowTheConfigErrorPageNamingTheSetting() {
    new TestSite(root)
        .handler("files", "app.js", "watchedFiles=\"lib\\*\\x.js\"")
        .file("files/app.js", app("v1"))
        .handler("times", "app.js", "recycleAtTimes=\"03:00;25:99\"")
        .file("times/app.js", app("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      HttpResponse<String> files = sidecar.get("/files/app.js");
      assertThat(files.headers().firstValue("webgarden-error")).hasValue("config-error");
      assertThat(files.body()).contains("watchedFiles", "lib\\*\\x.js");

      HttpResponse<String> times = sidecar.get("/times/app.js");
      assertThat(times.headers().firstValue("webgarden-error")).hasValue("config-error");
      assertThat(times.body()).contains("recycleAtTimes", "25:99");
    }
  }
}
