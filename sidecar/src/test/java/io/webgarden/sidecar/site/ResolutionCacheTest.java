package io.webgarden.sidecar.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.webgarden.sidecar.site.Resolution.NotFound;
import io.webgarden.sidecar.site.Resolution.Refused;
import io.webgarden.sidecar.site.Resolution.StaticFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache with events delivered by hand: a warm entry is answered from memory (a change the
 * events do not report stays unseen, which is how the test knows no stat happened), and an event
 * drops exactly the entries below the name it reports.
 */
class ResolutionCacheTest {
  @TempDir Path root;
  private SiteFixture site;
  private SiteResolver resolver;
  private final List<Path> asked = new ArrayList<>();
  private final List<Runnable> pending = new ArrayList<>();

  @BeforeEach
  void setUp() {
    site = new SiteFixture(root);
    resolver = site.resolver();
    resolver.cacheResolutions(
        (folder, watching) -> {
          asked.add(folder);
          pending.add(watching);
        },
        Duration.ofDays(1));
  }

  /** Requests {@code uri} until its folders are watched and the answer is kept. */
  private Resolution warm(String uri) {
    resolver.resolve(RequestFacts.of("GET", uri));
    pending.forEach(Runnable::run);
    pending.clear();
    return resolver.resolve(RequestFacts.of("GET", uri));
  }

  @Test
  void aWarmEntryIsAnsweredWithoutLookingAtTheDisk() throws Exception {
    site.file("a/b/page.txt", "x");
    assertThat(warm("/a/b/page.txt")).isInstanceOf(StaticFile.class);
    assertThat(asked).containsExactly(root, root.resolve("a"), root.resolve("a/b"));

    Files.delete(root.resolve("a/b/page.txt")); // no event: the cache cannot know
    assertThat(site.get("/a/b/page.txt")).isInstanceOf(StaticFile.class);

    resolver.changed(root.resolve("a/b"), Path.of("page.txt"));
    assertThat(site.get("/a/b/page.txt")).isInstanceOf(NotFound.class);
  }

  @Test
  void nothingIsKeptUntilTheFoldersOnTheWayAreWatched() throws Exception {
    site.file("a/page.txt", "x");
    assertThat(site.get("/a/page.txt")).isInstanceOf(StaticFile.class);
    Files.delete(root.resolve("a/page.txt"));
    // The watch was asked for, not confirmed: the second request reads the disk again.
    assertThat(site.get("/a/page.txt")).isInstanceOf(NotFound.class);
  }

  @Test
  void anEventDropsOnlyTheEntriesBelowTheChangedName() throws Exception {
    site.file("a/one.txt", "1");
    site.file("a/two.txt", "2");
    site.file("b/three.txt", "3");
    warm("/a/one.txt");
    warm("/a/two.txt");
    warm("/b/three.txt");
    Files.delete(root.resolve("a/one.txt"));
    Files.delete(root.resolve("a/two.txt"));
    Files.delete(root.resolve("b/three.txt"));

    resolver.changed(root.resolve("a"), Path.of("one.txt"));

    assertThat(site.get("/a/one.txt")).isInstanceOf(NotFound.class);
    assertThat(site.get("/a/two.txt")).isInstanceOf(StaticFile.class); // still the kept answer
    assertThat(site.get("/b/three.txt")).isInstanceOf(StaticFile.class);
  }

  @Test
  void aWebConfigEventDropsTheWholeFolderAndBelowAndItsParse() throws Exception {
    site.file("a/b/index.txt", "i");
    site.file("a/other.txt", "o");
    assertThat(warm("/a/b/")).isInstanceOf(Refused.class); // no default document named so
    warm("/a/other.txt");
    site.webConfig(
        "a", "<defaultDocument><files><add value=\"index.txt\"/></files></defaultDocument>");
    Files.delete(root.resolve("a/other.txt"));

    resolver.changed(root.resolve("a"), Path.of("web.config"));

    assertThat(site.get("/a/b/"))
        .isInstanceOfSatisfying(
            StaticFile.class,
            file -> assertThat(file.file()).isEqualTo(root.resolve("a/b/index.txt")));
    assertThat(site.get("/a/other.txt")).isInstanceOf(NotFound.class);
  }

  @Test
  void aNewDefaultDocumentIsFoundOnceItsFolderReportsIt() throws Exception {
    site.folder("docs");
    assertThat(warm("/docs/")).isInstanceOf(Refused.class);
    site.file("docs/index.html", "hi");

    resolver.changed(root.resolve("docs"), Path.of("index.html"));

    assertThat(site.get("/docs/")).isInstanceOf(StaticFile.class);
  }

  @Test
  void aReplacedFolderIsWatchedAnew() throws Exception {
    site.file("a/page.txt", "x");
    warm("/a/page.txt");
    asked.clear();

    resolver.changed(root, Path.of("a")); // e.g. renamed away and back

    assertThat(site.get("/a/page.txt")).isInstanceOf(StaticFile.class);
    assertThat(asked).containsExactly(root.resolve("a"));
  }

  @Test
  void anEntryOlderThanTheMaximumAgeIsReadAgain() throws Exception {
    resolver.cacheResolutions((folder, watching) -> watching.run(), Duration.ZERO);
    site.file("page.txt", "x");
    warm("/page.txt");
    Files.delete(root.resolve("page.txt")); // no event, as on NFS

    assertThat(site.get("/page.txt")).isInstanceOf(NotFound.class);
  }

  @Test
  void theCacheIsBounded() {
    site.file("page.txt", "x");
    warm("/page.txt");
    for (int i = 0; i <= ResolutionCache.MAX_ENTRIES + 10; i++) {
      site.get("/missing-" + i);
    }
    // Full, it starts over rather than grow.
    assertThat(cacheSize()).isLessThanOrEqualTo(ResolutionCache.MAX_ENTRIES);
  }

  private int cacheSize() {
    return resolver.cachedPaths();
  }
}
