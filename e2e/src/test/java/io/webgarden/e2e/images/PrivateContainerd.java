package io.webgarden.e2e.images;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A containerd of the test's own (Debian's containerd and runc): root, state and socket in a folder
 * the test owns, the CRI plugin off, so it neither sees nor disturbs any other containerd on the
 * machine. {@link #close()} stops it.
 */
final class PrivateContainerd implements AutoCloseable {
  static final String NAMESPACE = "webgarden-images-it";

  private final Path dir;
  private final Path socket;
  private final Process daemon;

  private PrivateContainerd(Path dir, Process daemon) {
    this.dir = dir;
    this.socket = dir.resolve("containerd.sock");
    this.daemon = daemon;
  }

  /** Why containerd cannot run here, or empty when it can. */
  static Optional<String> unavailable() throws IOException {
    for (String binary : List.of("containerd", "ctr", "runc")) {
      if (!onPath(binary)) {
        return Optional.of(binary + " is not on PATH (Debian: apt-get install containerd runc)");
      }
    }
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (!Integer.valueOf(0).equals(uid)) {
      return Optional.of("containerd needs root, and this test runs as uid " + uid);
    }
    return Optional.empty();
  }

  static PrivateContainerd start(Path dir) throws IOException {
    Path socket = dir.resolve("containerd.sock");
    Path config = dir.resolve("config.toml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "version = 2",
            "root = \"" + dir.resolve("root") + "\"",
            "state = \"" + dir.resolve("state") + "\"",
            "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
            "[grpc]",
            "  address = \"" + socket + "\"",
            "[plugins.\"io.containerd.internal.v1.opt\"]",
            "  path = \"" + dir.resolve("opt") + "\"",
            ""));
    Path log = dir.resolve("containerd.log");
    Process daemon =
        new ProcessBuilder("containerd", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrivateContainerd containerd = new PrivateContainerd(dir, daemon);
    try {
      await("containerd answering on " + socket)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !daemon.isAlive() || containerd.ctr("version").exitCode() == 0);
    } catch (RuntimeException e) {
      containerd.close();
      throw e;
    }
    if (!daemon.isAlive()) {
      throw new IllegalStateException("containerd exited: " + Files.readString(log));
    }
    return containerd;
  }

  record Result(int exitCode, String output) {}

  /** {@code ctr} against this containerd, in the test's namespace; output is stdout + stderr. */
  Result ctr(String... args) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("ctr " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), output);
  }

  /** Starts a long-running {@code ctr} (e.g. {@code run}), its output going to {@code out}. */
  Process start(Path out, String... args) throws IOException {
    return new ProcessBuilder(command(args))
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
  }

  private List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(List.of("ctr", "--address", socket.toString(), "--namespace", NAMESPACE));
    command.addAll(List.of(args));
    return command;
  }

  private static boolean onPath(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  /** Stops containerd and removes its folder (image snapshots: a whole Debian root each). */
  @Override
  public void close() {
    daemon.destroy();
    try {
      if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      // Now, not in JUnit's @TempDir cleanup, which warns about every absolute symlink in them.
      new ProcessBuilder("rm", "-rf", dir.toString())
          .inheritIO()
          .start()
          .waitFor(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
