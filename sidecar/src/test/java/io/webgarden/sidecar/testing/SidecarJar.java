package io.webgarden.sidecar.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The shaded jar ({@code mvn package} builds it before the ITs) serving a site as a separate
 * process, as in a pod: its stdout collected line by line, signals sent to it for real.
 */
public final class SidecarJar implements AutoCloseable {
  private static final Path JAR = Path.of("target", "webgarden-sidecar.jar");
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int port;
  private final int adminPort;
  private final List<String> stdout = new CopyOnWriteArrayList<>();

  private SidecarJar(Path site, Map<String, String> env, boolean ownSession) throws IOException {
    port = freePort();
    adminPort = freePort();
    List<String> command = new ArrayList<>();
    if (ownSession) {
      // A session (and process group) of its own, as a shell gives a foreground job: a test can
      // then signal the whole group as a terminal's Ctrl-C does, without hitting itself.
      command.add("setsid");
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            JAR.toString(),
            "serve",
            site.toString(),
            "--port",
            Integer.toString(port),
            "--admin-port",
            Integer.toString(adminPort)));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("IISNODE_") || key.equals("NODE_ENV"));
    builder.environment().putAll(env);
    // stdout holds what kubectl logs shows (the sidecar's log lines and the apps' output);
    // stderr only command-line errors.
    process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  stdout.add(line);
                }
              } catch (IOException closed) {
                // the process ended
              }
            },
            "sidecar-stdout");
    reader.setDaemon(true);
    reader.start();
    await()
        .atMost(DEADLINE)
        .until(() -> stdout.stream().anyMatch(l -> l.contains("http://")) || !process.isAlive());
    if (!process.isAlive()) {
      throw new IllegalStateException("the sidecar exited at start: " + stdout);
    }
  }

  /** Starts the jar serving {@code site} with {@code env} added to the environment. */
  public static SidecarJar start(Path site, Map<String, String> env) throws IOException {
    return new SidecarJar(site, env, false);
  }

  /** Starts it as the leader of a session and process group of its own (see {@link #pgid}). */
  public static SidecarJar startInOwnSession(Path site, Map<String, String> env)
      throws IOException {
    return new SidecarJar(site, env, true);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> admin(String path) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Lines printed so far. */
  public List<String> stdout() {
    return List.copyOf(stdout);
  }

  public String awaitLine(Predicate<String> matching) {
    return await()
        .atMost(DEADLINE)
        .until(() -> stdout.stream().filter(matching).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }

  /** Sends {@code signal} (TERM, INT, KILL) to the sidecar process, with kill(1). */
  public void signal(String signal) {
    kill("-" + signal, Long.toString(process.pid()));
  }

  /** Sends {@code signal} to the sidecar's whole process group, as a terminal's Ctrl-C does. */
  public void signalGroup(String signal) {
    kill("-" + signal, "--", "-" + process.pid());
  }

  private static void kill(String... arguments) {
    List<String> command = new ArrayList<>(List.of("kill"));
    command.addAll(List.of(arguments));
    try {
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the sidecar to exit and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "the sidecar did not exit within " + timeout + "; output: " + stdout);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
