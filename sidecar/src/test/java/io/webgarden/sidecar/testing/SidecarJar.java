package io.webgarden.sidecar.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
 * The shaded jar ({@code mvn package} builds it before the ITs) as a separate process, as a user or
 * a pod runs it: stdout (what kubectl logs shows: the sidecar's log lines and the apps' output) and
 * stderr (command-line errors) collected line by line, signals sent to it for real. {@link #run}
 * takes any command line; {@link #start} serves a site on free ports and returns once it listens.
 */
public final class SidecarJar implements AutoCloseable {
  private static final Path JAR = Path.of("target", "webgarden-sidecar.jar");

  /** How long a test waits for the jar to print a line, start or exit. */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int port;
  private final int adminPort;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();

  private SidecarJar(
      List<String> args, Map<String, String> env, boolean ownSession, int port, int adminPort)
      throws IOException {
    this.port = port;
    this.adminPort = adminPort;
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
            JAR.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("IISNODE_") || key.equals("NODE_ENV"));
    builder.environment().putAll(env);
    process = builder.start();
    collect(process.getInputStream(), stdout, "sidecar-stdout");
    collect(process.getErrorStream(), stderr, "sidecar-stderr");
  }

  /**
   * Runs the jar with {@code args}, as typed on a command line, without waiting for anything; the
   * access log is off, so that stdout holds only what the test looks for.
   */
  public static SidecarJar run(String... args) throws IOException {
    return new SidecarJar(
        List.of(args), Map.of("IISNODE_accessLogEnabled", "false"), false, -1, -1);
  }

  /**
   * Serves {@code site} on free ports with {@code env} added to the environment and {@code
   * moreArgs} after the ports; returns once the jar prints its address.
   */
  public static SidecarJar start(Path site, Map<String, String> env, String... moreArgs)
      throws IOException {
    return serve(site, env, false, moreArgs);
  }

  /**
   * Starts it as the leader of a session and process group of its own (see {@link #signalGroup}).
   */
  public static SidecarJar startInOwnSession(Path site, Map<String, String> env)
      throws IOException {
    return serve(site, env, true);
  }

  private static SidecarJar serve(
      Path site, Map<String, String> env, boolean ownSession, String... moreArgs)
      throws IOException {
    int port = freePort();
    int adminPort = freePort();
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                site.toString(),
                "--port",
                Integer.toString(port),
                "--admin-port",
                Integer.toString(adminPort)));
    args.addAll(List.of(moreArgs));
    SidecarJar jar = new SidecarJar(args, env, ownSession, port, adminPort);
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                jar.stdout.stream().anyMatch(l -> l.contains("http://")) || !jar.process.isAlive());
    if (!jar.process.isAlive()) {
      throw new IllegalStateException(
          "the sidecar exited at start: " + jar.stdout + "; stderr: " + jar.stderr);
    }
    return jar;
  }

  private static void collect(InputStream stream, List<String> lines, String name) {
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
            name);
    reader.setDaemon(true);
    reader.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The admin port of a jar started by {@link #start}. */
  public int adminPort() {
    return adminPort;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public URI adminUri(String path) {
    return URI.create("http://127.0.0.1:" + adminPort + path);
  }

  public HttpResponse<String> admin(String path) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(adminUri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Lines printed on stdout so far. */
  public List<String> stdout() {
    return List.copyOf(stdout);
  }

  /** The first stdout line {@code matching}, waiting for it up to {@link #DEADLINE}. */
  public String awaitLine(Predicate<String> matching) {
    return awaitLine(stdout, matching);
  }

  /** The first stderr line {@code matching}, waiting for it up to {@link #DEADLINE}. */
  public String awaitErrorLine(Predicate<String> matching) {
    return awaitLine(stderr, matching);
  }

  private static String awaitLine(List<String> lines, Predicate<String> matching) {
    return await()
        .atMost(DEADLINE)
        .until(() -> lines.stream().filter(matching).findFirst(), found -> found.isPresent())
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

  /** Waits up to {@link #DEADLINE} for the jar to exit by itself and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    return awaitExit(DEADLINE);
  }

  /** Waits for the jar to exit and returns its exit code; its output may still be arriving. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "the sidecar did not exit within "
              + timeout
              + "; stdout: "
              + stdout
              + "; stderr: "
              + stderr);
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
