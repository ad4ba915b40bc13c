package io.webgarden.e2e.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A running {@link LoadClient} process: stop it to get its totals. */
final class Load {
  private final Process process;
  private final Path results;
  private final Path log;

  private Load(Process process, Path results, Path log) {
    this.process = process;
    this.results = results;
    this.log = log;
  }

  static Load start(RealNode node, String url, int clients, Duration max) {
    try {
      Path dir = Files.createTempDirectory("webgarden-load");
      Path results = dir.resolve("results.properties");
      Path log = dir.resolve("load.log");
      Process process =
          new ProcessBuilder(
                  node.inClient(
                      RealNode.java(
                          LoadClient.class,
                          url,
                          Integer.toString(clients),
                          Long.toString(max.toSeconds()),
                          results.toString())))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new Load(process, results, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the load client", e);
    }
  }

  /** Waits until the client had its first answer (its JVM is up and reached the URL). */
  void awaitFirstAnswer(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      while (!Files.readString(log).contains(LoadClient.FIRST_ANSWER)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "the load client had no answer within " + limit + ": " + Files.readString(log));
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ends the run (the client stops when its standard input closes) and reads its totals. */
  LoadTotals stop() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "the load client did not stop within 60 s: " + Files.readString(log));
      }
      if (process.exitValue() != 0 || !Files.exists(results)) {
        throw new AssertionError(
            "the load client exited " + process.exitValue() + ": " + Files.readString(log));
      }
      return LoadTotals.read(results);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
