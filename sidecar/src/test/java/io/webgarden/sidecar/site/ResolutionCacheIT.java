package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webgarden.sidecar.testing.RunningSidecar;
import io.webgarden.sidecar.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a running sidecar, whose site resolver keeps what the disk said about each URL path: a
 * change below a nested folder, made after the URLs were requested a few times (so their answers
 * are kept), is seen by the next requests. ResolutionCacheTest shows that kept answers make no
 * stat; here the real watcher has to report each change.
 */
class ResolutionCacheIT {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir Path root;

  /** Requests a URL a few times, so that its answer is kept, and returns the last status. */
  private static int warm(RunningSidecar sidecar, String path) {
    int status = 0;
    for (int i = 0; i < 5; i++) {
      status = sidecar.get(path).statusCode();
    }
    return status;
  }

  private static void seen(RunningSidecar sidecar, String path, int status, String body) {
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              HttpResponse<String> response = sidecar.get(path);
              assertThat(response.statusCode()).isEqualTo(status);
              if (body != null) {
                assertThat(response.body()).isEqualTo(body);
              }
            });
  }

  @Test
  void createdDeletedAndRenamedFilesAndFoldersInANestedFolderAreSeen() throws Exception {
    new TestSite(root)
        .file("a/b/old.txt", "old")
        .file("a/b/keep.txt", "keep")
        .file("a/b/c/deep.txt", "deep");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(warm(sidecar, "/a/b/new.txt")).isEqualTo(404);
      assertThat(warm(sidecar, "/a/b/old.txt")).isEqualTo(200);
      assertThat(warm(sidecar, "/a/b/keep.txt")).isEqualTo(200);
      assertThat(warm(sidecar, "/a/b/c/deep.txt")).isEqualTo(200);
      assertThat(warm(sidecar, "/a/b/d/deep.txt")).isEqualTo(404);

      Files.writeString(root.resolve("a/b/new.txt"), "new");
      seen(sidecar, "/a/b/new.txt", 200, "new");

      Files.delete(root.resolve("a/b/old.txt"));
      seen(sidecar, "/a/b/old.txt", 404, null);

      Files.move(root.resolve("a/b/keep.txt"), root.resolve("a/b/kept.txt"));
      seen(sidecar, "/a/b/keep.txt", 404, null);
      seen(sidecar, "/a/b/kept.txt", 200, "keep");

      Files.move(root.resolve("a/b/c"), root.resolve("a/b/d"));
      seen(sidecar, "/a/b/c/deep.txt", 404, null);
      seen(sidecar, "/a/b/d/deep.txt", 200, "deep");

      // The renamed folder is watched anew: a file created in it afterwards is seen too.
      assertThat(warm(sidecar, "/a/b/d/later.txt")).isEqualTo(404);
      Files.writeString(root.resolve("a/b/d/later.txt"), "later");
      seen(sidecar, "/a/b/d/later.txt", 200, "later");
    }
  }

  @Test
  void anAddedChangedAndRemovedNestedWebConfigIsSeen() throws Exception {
    new TestSite(root).file("a/b/one.txt", "one").file("a/b/two.txt", "two");
    Path config = root.resolve("a/b/web.config");
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(warm(sidecar, "/a/b/")).isEqualTo(403); // no default document, no listing

      Files.writeString(config, defaultDocument("one.txt"));
      seen(sidecar, "/a/b/", 200, "one");

      warm(sidecar, "/a/b/");
      Files.writeString(config, defaultDocument("two.txt"));
      seen(sidecar, "/a/b/", 200, "two");

      warm(sidecar, "/a/b/");
      Files.delete(config);
      seen(sidecar, "/a/b/", 403, null);
    }
  }

  @Test
  void aWebConfigEditThatKeepsSizeAndTimeIsSeenThroughTheWatcher() throws Exception {
    new TestSite(root).file("a/b/one.txt", "one").file("a/b/two.txt", "two");
    Path config = root.resolve("a/b/web.config");
    Files.writeString(config, defaultDocument("one.txt"));
    FileTime time = Files.getLastModifiedTime(config);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(warm(sidecar, "/a/b/")).isEqualTo(200);

      // Same length, same modification time: no stat could tell; only the event does.
      Files.writeString(config, defaultDocument("two.txt"), StandardCharsets.UTF_8);
      Files.setLastModifiedTime(config, time);
      seen(sidecar, "/a/b/", 200, "two");
    }
  }

  @Test
  void aHandlerAddedInANestedWebConfigSendsTheScriptToNode() throws Exception {
    String script =
        "require('http').createServer((q, s) => s.end('from node'))" + ".listen(process.env.PORT);";
    new TestSite(root).file("a/b/app.js", script);
    try (RunningSidecar sidecar = RunningSidecar.start(root)) {
      assertThat(warm(sidecar, "/a/b/app.js")).isEqualTo(200); // served as a static file

      new TestSite(root).handler("a/b", "app.js", "");
      seen(sidecar, "/a/b/app.js", 200, "from node");

      Files.delete(root.resolve("a/b/web.config"));
      seen(sidecar, "/a/b/app.js", 200, script);
    }
  }

  private static String defaultDocument(String file) {
    return TestSite.webConfig(
        "<defaultDocument><files><clear/><add value=\"" + file + "\"/></files></defaultDocument>");
  }
}
