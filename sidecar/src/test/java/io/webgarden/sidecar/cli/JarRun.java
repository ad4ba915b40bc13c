package io.webgarden.sidecar.cli;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The shaded jar run as a real process, as a user runs it; stdout and stderr kept by line. */
final class JarRun implements AutoCloseable {
  static final Path JAR = Path.of("target", "webgarden-sidecar.jar");
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private final Process process;
  final List<String> stdout = new CopyOnWriteArrayList<>();
  final List<String> stderr = new CopyOnWriteArrayList<>();

  private JarRun(Process process) {
    this.process = process;
    collect(process.getInputStream(), stdout);
    collect(process.getErrorStream(), stderr);
  }

  static JarRun start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("IISNODE_") || key.equals("NODE_ENV"));
    builder.environment().put("IISNODE_accessLogEnabled", "false");
    return new JarRun(builder.start());
  }

  private static void collect(InputStream stream, List<String> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException closed) {
                // the process ended
              }
            },
            "jar-output");
    reader.setDaemon(true);
    reader.start();
  }

  String awaitLine(List<String> lines, Predicate<String> matching) {
    return await()
        .atMost(DEADLINE)
        .until(() -> lines.stream().filter(matching).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }

  /** Waits for the process to exit by itself; its output may still be arriving. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the jar did not exit; stderr: " + stderr);
    }
    return process.exitValue();
  }

  String allOutput() {
    return String.join("\n", stdout) + "\n" + String.join("\n", stderr);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
