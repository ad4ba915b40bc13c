package io.webgarden.sidecar.lifecycle;

import static io.webgarden.sidecar.lifecycle.LifecycleLab.pid;
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

/** A recycle that changes watchedFiles watches the new list from then on, not one recycle late. */
class WatchedFilesChangeIT {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  /** Answers with the contents of data.txt as read when the process started. */
  private static final String READS_DATA =
      """
      const version = require('fs').readFileSync(__dirname + '/data.txt', 'utf8').trim();
      require('http').createServer((req, res) => {
        res.end(JSON.stringify({ pid: process.pid, version }));
      }).listen(process.env.PORT);
      """;

  @TempDir Path root;

  @Test
  void aFileTypeAddedToWatchedFilesRecyclesOnTheFirstChangeAfterIt() {
    TestSite site =
        new TestSite(root)
            .handler("", "app.js", "watchedFiles=\"*.js\"")
            .file("app.js", READS_DATA)
            .file("data.txt", "v1");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      long first = pid(sidecar.get("/app.js"));
      rewrite(root.resolve("data.txt"), "v1 still"); // not watched: no recycle
      assertThat(version(sidecar.get("/app.js"))).isEqualTo("v1");

      site.handler("", "app.js", "watchedFiles=\"*.js;*.txt\"");
      await().atMost(DEADLINE).until(() -> pid(sidecar.get("/app.js")) != first);
      assertThat(version(sidecar.get("/app.js"))).isEqualTo("v1 still");

      rewrite(root.resolve("data.txt"), "v2");
      await().atMost(DEADLINE).until(() -> version(sidecar.get("/app.js")).equals("v2"));
    }
  }
}
