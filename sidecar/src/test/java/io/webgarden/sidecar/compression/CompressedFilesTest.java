package io.webgarden.sidecar.compression;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk cache of compressed copies: made once, bounded, re-made when the file changes. */
class CompressedFilesTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aCopyIsMadeOnceAndTheTotalStaysWithinTheBound() throws IOException {
    Path site = Files.createDirectories(dir.resolve("site"));
    CompressedFiles copies =
        new CompressedFiles(vertx, dir.resolve("copies"), 20_000, HttpCompression.IIS_DEFAULTS);
    Path first = null;
    for (int i = 0; i < 20; i++) {
      Path file = site.resolve("f" + i + ".txt");
      // Random-looking text compresses poorly, so a few copies fill the bound.
      StringBuilder text = new StringBuilder();
      Random random = new Random(i);
      for (int j = 0; j < 6000; j++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      Files.writeString(file, text);
      long modified = Files.getLastModifiedTime(file).toMillis();
      CompressedFiles.Copy copy =
          copies.copy(file, Files.size(file), modified, ContentCoding.GZIP).await();
      if (i == 0) {
        first = copy.path();
        assertThat(gunzip(copy.path())).isEqualTo(text.toString());
        assertThat(copies.copy(file, Files.size(file), modified, ContentCoding.GZIP).await().path())
            .isEqualTo(first);
      }
      assertThat(copies.totalBytes()).isLessThanOrEqualTo(20_000);
    }
    assertThat(first).as("the least recently used copy was evicted").doesNotExist();
    try (var left = Files.list(dir.resolve("copies"))) {
      assertThat(left.mapToLong(path -> path.toFile().length()).sum()).isLessThanOrEqualTo(20_000);
    }
  }

  @Test
  void aChangedFileGetsANewCopy() throws IOException {
    Path file = dir.resolve("a.txt");
    Files.writeString(file, "one ".repeat(1000));
    CompressedFiles copies =
        new CompressedFiles(vertx, dir.resolve("copies"), 1_000_000, HttpCompression.IIS_DEFAULTS);
    CompressedFiles.Copy before =
        copies.copy(file, Files.size(file), 1, ContentCoding.GZIP).await();
    Files.writeString(file, "two ".repeat(1000));
    CompressedFiles.Copy after = copies.copy(file, Files.size(file), 2, ContentCoding.GZIP).await();
    assertThat(after.path()).isNotEqualTo(before.path());
    assertThat(gunzip(after.path())).startsWith("two ");
  }

  @Test
  void aCopyThatIsDoneBeforeItsCallerLooksIsStillServed() throws IOException {
    // A tiny file is compressed in microseconds, often before copy() has returned; that must
    // not fail the copy (it once did: "Recursive update" from the cache's own bookkeeping).
    CompressedFiles copies =
        new CompressedFiles(vertx, dir.resolve("copies"), 1_000_000, HttpCompression.IIS_DEFAULTS);
    Path file = dir.resolve("tiny.txt");
    Files.writeString(file, "x");
    Context eventLoop = vertx.getOrCreateContext();
    for (int i = 0; i < 2000; i++) {
      long modified = i;
      Promise<CompressedFiles.Copy> served = Promise.promise();
      // As the static-file responder asks: on an event loop.
      eventLoop.runOnContext(
          go -> copies.copy(file, 1, modified, ContentCoding.GZIP).onComplete(served));
      assertThat(gunzip(served.future().await().path())).isEqualTo("x");
    }
  }

  private static String gunzip(Path path) throws IOException {
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(path)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
