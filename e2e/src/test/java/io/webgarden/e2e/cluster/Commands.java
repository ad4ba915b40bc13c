package io.webgarden.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external commands with a deadline, output captured in files (no pipe can fill up). */
public final class Commands {
  private Commands() {}

  /** Runs {@code command} with extra environment {@code env}, killing it after {@code timeout}. */
  public static CommandResult run(
      List<String> command, Map<String, String> env, Duration timeout, String stdin) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("webgarden-cmd", ".out");
      err = Files.createTempFile("webgarden-cmd", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      try (var input = process.getOutputStream()) {
        if (stdin != null) {
          input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            String.join(" ", command)
                + " did not finish within "
                + timeout
                + "\n--- stdout\n"
                + Files.readString(out)
                + "\n--- stderr\n"
                + Files.readString(err));
      }
      return new CommandResult(
          command, process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** {@link #run(List, Map, Duration, String)} without stdin. */
  public static CommandResult run(List<String> command, Map<String, String> env, Duration timeout) {
    return run(command, env, timeout, null);
  }

  private static void deleteQuietly(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }
}
