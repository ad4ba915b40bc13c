package io.webgarden.sidecar.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConsoleMirrorTest {

  @Test
  void textLinesNameAppPidAndStream() {
    LogFixtures.Console console = new LogFixtures.Console();

    console.text.line("/hello/hello.js", 123, "stdout", "listening on 8080");
    console.text.line("/hello/hello.js", 123, "stderr", "héllo 😀 \"quoted\"");

    assertThat(console.output())
        .isEqualTo(
            "[/hello/hello.js pid=123 stdout] listening on 8080\n"
                + "[/hello/hello.js pid=123 stderr] héllo 😀 \"quoted\"\n");
  }

  @Test
  void jsonLinesAreOneEscapedObjectEach() {
    LogFixtures.Console console = new LogFixtures.Console();

    console.json.line("/a\"b/x.js", 7, "stderr", "tab\there \\ \"q\" \u0001 line\u2028sep é😀");

    assertThat(console.output())
        .isEqualTo(
            "{\"time\":\"2025-06-30T12:00:00Z\",\"app\":\"/a\\\"b/x.js\",\"pid\":7,"
                + "\"stream\":\"stderr\",\"message\":\"tab\\there \\\\ \\\"q\\\" \\u0001"
                + " line\\u2028sep é😀\"}\n");
  }

  @Test
  void accessLinesInText() {
    LogFixtures.Console console = new LogFixtures.Console();

    console.text.access(
        new AccessEntry("GET", "/hello/?a=1", 200, 1234, 12, OptionalLong.of(99), 3));
    console.text.access(
        new AccessEntry("POST", "/static.css", 404, 10, 1, OptionalLong.empty(), 0));

    assertThat(console.output())
        .isEqualTo(
            "[access] GET /hello/?a=1 200 bytes=1234 time=12ms pid=99 wait=3ms\n"
                + "[access] POST /static.css 404 bytes=10 time=1ms pid=- wait=0ms\n");
  }

  @Test
  void accessLinesInJson() {
    LogFixtures.Console console = new LogFixtures.Console();

    console.json.access(
        new AccessEntry("GET", "/x?q=\"", 503, 0, 30000, OptionalLong.empty(), 30000));
    console.json.access(new AccessEntry("HEAD", "/y", 200, 5, 2, OptionalLong.of(42), 1));

    assertThat(console.output())
        .isEqualTo(
            "{\"time\":\"2025-06-30T12:00:00Z\",\"type\":\"access\",\"method\":\"GET\","
                + "\"url\":\"/x?q=\\\"\",\"status\":503,\"bytes\":0,\"durationMs\":30000,"
                + "\"pid\":null,\"queueWaitMs\":30000}\n"
                + "{\"time\":\"2025-06-30T12:00:00Z\",\"type\":\"access\",\"method\":\"HEAD\","
                + "\"url\":\"/y\",\"status\":200,\"bytes\":5,\"durationMs\":2,\"pid\":42,"
                + "\"queueWaitMs\":1}\n");
  }

  @Test
  void accessLogHidesTokens() {
    LogFixtures.Console console = new LogFixtures.Console();

    console.text.access(
        new AccessEntry(
            "GET", "/a/iisnode/?x=1&token=s3cr%20t&y=2", 200, 1, 1, OptionalLong.empty(), 0));
    console.text.access(
        new AccessEntry("GET", "/a/iisnode/?token=abc", 200, 1, 1, OptionalLong.empty(), 0));

    assertThat(console.output())
        .contains("/a/iisnode/?x=1&token=***&y=2 ")
        .contains("/a/iisnode/?token=*** ")
        .doesNotContain("s3cr")
        .doesNotContain("abc");
  }

  @Test
  void nonAsciiIsWrittenAsUtf8WhateverThePrintStreamsCharset() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleMirror mirror =
        new ConsoleMirror(
            new PrintStream(bytes, true, StandardCharsets.US_ASCII),
            LogFormat.TEXT,
            LogFixtures.CLOCK);

    mirror.line("/a.js", 1, "stdout", "café");

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("[/a.js pid=1 stdout] café\n");
  }

  @Test
  void linesFromManyThreadsNeverInterleave() throws Exception {
    // A stream that hands bytes over in small pieces, yielding in between, as a pipe would: any
    // write not done under one lock would interleave here.
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream choppy =
        new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (sink) {
              sink.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i += 97) {
              synchronized (sink) {
                sink.write(b, off + i, Math.min(97, len - i));
              }
              Thread.yield();
            }
          }
        };
    ConsoleMirror mirror =
        new ConsoleMirror(new PrintStream(choppy, false), LogFormat.TEXT, LogFixtures.CLOCK);
    int threads = 8;
    int lines = 200;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int pid = t;
      Thread writer =
          new Thread(
              () -> {
                await(start);
                for (int i = 0; i < lines; i++) {
                  mirror.line(
                      "/app.js",
                      pid,
                      "stdout",
                      i + ":" + String.valueOf((char) ('a' + pid)).repeat(3000));
                }
              });
      writer.start();
      writers.add(writer);
    }
    start.countDown();
    for (Thread writer : writers) {
      writer.join(30_000);
    }

    String[] out = sink.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(out).hasSize(threads * lines);
    Pattern whole = Pattern.compile("\\[/app\\.js pid=(\\d) stdout\\] \\d+:([a-h])\\2{2999}");
    for (String line : out) {
      Matcher m = whole.matcher(line);
      assertThat(m.matches()).as("an uninterrupted line").isTrue();
      assertThat(m.group(2).charAt(0)).isEqualTo((char) ('a' + Integer.parseInt(m.group(1))));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
