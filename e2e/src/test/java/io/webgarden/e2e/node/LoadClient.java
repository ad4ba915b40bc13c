package io.webgarden.e2e.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator, run as its own JVM inside the client network namespace (see {@link Load}):
 * {@code clients} threads each send GETs one after another over the JDK client's keep-alive pool,
 * until standard input closes or {@code maxSeconds} pass. Each answer is counted under its first
 * word (the test app answers with its version), each failure under its status code or exception.
 * The totals go to a properties file.
 *
 * <p>Usage: {@code LoadClient <url> <clients> <maxSeconds> <results.properties>}
 */
public final class LoadClient {
  /** Printed on standard output when the first answer came back. */
  static final String FIRST_ANSWER = "first answer";

  private static final int SAMPLES = 10;

  private final URI url;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicBoolean answered = new AtomicBoolean();
  private final LongAdder ok = new LongAdder();
  private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final List<String> samples = new ArrayList<>();

  private LoadClient(URI url) {
    this.url = url;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: LoadClient <url> <clients> <maxSeconds> <results.properties>");
      System.exit(2);
    }
    // The JDK would retry a refused connect on its own and so hide a pod that stopped listening
    // while still an endpoint. It still resends a GET once when a pooled connection turns out to
    // be closed before any response: the request never reached a server (RFC 9112, 9.3.1).
    System.setProperty("jdk.httpclient.disableRetryConnect", "true");
    LoadClient load = new LoadClient(URI.create(args[0]));
    long started = System.nanoTime();
    load.run(Integer.parseInt(args[1]), Duration.ofSeconds(Long.parseLong(args[2])));
    load.write(Path.of(args[3]), Duration.ofNanos(System.nanoTime() - started));
  }

  private void run(int clients, Duration max) throws InterruptedException {
    Thread watcher = new Thread(this::awaitEndOfInput, "stdin");
    watcher.setDaemon(true);
    watcher.start();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread t = new Thread(this::loop, "client-" + i);
      t.start();
      threads.add(t);
    }
    long deadline = System.nanoTime() + max.toNanos();
    while (!stop.get() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
  }

  /** The test closes our standard input to end the run. */
  private void awaitEndOfInput() {
    try (InputStream in = System.in) {
      while (in.read() >= 0) {
        // only the end matters
      }
    } catch (IOException e) {
      // treated as the end
    }
    stop.set(true);
  }

  private void loop() {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build();
    while (!stop.get()) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          ok.increment();
          if (answered.compareAndSet(false, true)) {
            System.out.println(FIRST_ANSWER);
            System.out.flush();
          }
          String body = response.body().strip();
          int space = body.indexOf(' ');
          count(answers, space < 0 ? body : body.substring(0, space));
        } else {
          // The sidecar names its own failures (queue-full, shutting-down, ...) in a header.
          fail(
              "HTTP "
                  + response.statusCode()
                  + response
                      .headers()
                      .firstValue("webgarden-error")
                      .map(cause -> " " + cause)
                      .orElse(""),
              response.body());
        }
      } catch (IOException e) {
        fail(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void fail(String kind, String detail) {
    count(failures, kind);
    synchronized (samples) {
      if (samples.size() < SAMPLES) {
        samples.add(
            System.currentTimeMillis() + " " + kind + ": " + detail.strip().replace('\n', ' '));
      }
    }
  }

  private static void count(Map<String, LongAdder> counts, String key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private void write(Path file, Duration took) throws IOException {
    Properties p = new Properties();
    p.setProperty("ok", Long.toString(ok.sum()));
    p.setProperty("millis", Long.toString(took.toMillis()));
    new TreeMap<>(answers).forEach((k, v) -> p.setProperty("answer." + k, Long.toString(v.sum())));
    new TreeMap<>(failures)
        .forEach((k, v) -> p.setProperty("failure." + k, Long.toString(v.sum())));
    for (int i = 0; i < samples.size(); i++) {
      p.setProperty("sample." + i, samples.get(i));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, "LoadClient " + url);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
