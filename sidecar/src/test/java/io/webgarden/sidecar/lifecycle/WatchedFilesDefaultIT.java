package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.rewrite;
import static io.webgarden.sidecar.lifecycle.LifecycleLab.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default watchedFiles covers ES modules and CommonJS files, and the entry point always. */
class WatchedFilesDefaultIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  private static final String ESM_SERVER =
      """
      import http from 'node:http';
      import { version } from './version.mjs';
      import helper from './helper.cjs';
      http.createServer((req, res) => {
        res.end(JSON.stringify({ pid: process.pid, version: version + helper.suffix }));
      }).listen(process.env.PORT);
      """;

  @TempDir Path root;

  @Test
  void editingAnEsModuleOrACommonJsFileRecycles() {
    new TestSite(root)
        .handler("", "server.mjs", "")
        .file("server.mjs", ESM_SERVER)
        .file("version.mjs", "export const version = 'v1';\n")
        .file("helper.cjs", "module.exports = { suffix: '-a' };\n");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(version(sidecar.get("/server.mjs"))).isEqualTo("v1-a");

      rewrite(root.resolve("version.mjs"), "export const version = 'v2';\n");
      await().atMost(DEADLINE).until(() -> version(sidecar.get("/server.mjs")).equals("v2-a"));

      rewrite(root.resolve("helper.cjs"), "module.exports = { suffix: '-b' };\n");
      await().atMost(DEADLINE).until(() -> version(sidecar.get("/server.mjs")).equals("v2-b"));
    }
  }

  @Test
  void theEntryPointIsWatchedWhateverItsExtensionAndWatchedFiles() {
    String app =
        """
        require('http').createServer((req, res) => {
          res.end(JSON.stringify({ pid: process.pid, version: '%s' }));
        }).listen(process.env.PORT);
        """;
    new TestSite(root)
        .handler("", "start", "watchedFiles=\"none.txt\"")
        .file("start", app.formatted("v1"));
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(version(sidecar.get("/start"))).isEqualTo("v1");

      rewrite(root.resolve("start"), app.formatted("v2"));
      await().atMost(DEADLINE).until(() -> version(sidecar.get("/start")).equals("v2"));
    }
  }
}
