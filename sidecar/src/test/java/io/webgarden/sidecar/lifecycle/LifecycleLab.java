package io.webgarden.sidecar.lifecycle;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.webgarden.sidecar.testing.RunningSidecar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Node scripts and admin-port readings shared by the lifecycle tests. */
final class LifecycleLab {
  private LifecycleLab() {}

  /**
   * An app that says which version it is ({@code {"version":…,"pid":…}}) and has switches: {@code
   * ?ms=N} answers after N ms; {@code /hang} makes it stop answering anything; {@code /seen} lists
   * the paths it saw, oldest first; {@code /fail} answers 500; {@code /never} never answers; {@code
   * /grow?mb=N} allocates and holds N MiB; {@code /recycle-me} writes {@code recycle} to
   * IISNODE_CONTROL_PIPE.
   */
  static String app(String version) {
    return """
        const http = require('http');
        const net = require('net');
        const VERSION = '%s';
        const seen = [];
        const held = [];
        let hung = false;
        http.createServer((req, res) => {
          const url = new URL(req.url, 'http://x');
          const path = url.pathname;
          seen.push(path);
          req.resume();
          if (hung || path.endsWith('/never')) { return; }
          const reply = (status, extra) => {
            res.writeHead(status, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify(Object.assign({ version: VERSION, pid: process.pid }, extra)));
          };
          if (path.endsWith('/hang')) { hung = true; return reply(200, {}); }
          if (path.endsWith('/seen')) { return reply(200, { seen }); }
          if (path.endsWith('/fail')) { return reply(500, {}); }
          if (path.endsWith('/grow')) {
            held.push(Buffer.alloc(Number(url.searchParams.get('mb')) * 1048576, 1));
            return reply(200, {});
          }
          if (path.endsWith('/recycle-me')) {
            const pipe = net.connect(process.env.IISNODE_CONTROL_PIPE, () => pipe.end('recycle'));
            return reply(200, {});
          }
          const ms = Number(url.searchParams.get('ms') || 0);
          setTimeout(() => reply(200, {}), ms);
        }).listen(process.env.PORT);
        """
        .formatted(version);
  }

  static String version(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError("status " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body()).getString("version");
  }

  static long pid(HttpResponse<String> response) {
    return new JsonObject(response.body()).getLong("pid");
  }

  /** Rewrites a file so that its modification time surely moves, as a deployment does. */
  static void rewrite(Path file, String content) {
    try {
      Instant before =
          Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : Instant.EPOCH;
      Files.writeString(file, content);
      if (!Files.getLastModifiedTime(file).toInstant().isAfter(before)) {
        Files.setLastModifiedTime(file, FileTime.from(before.plusMillis(10)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The application's entry in {@code GET /apps}. */
  static JsonObject app(RunningSidecar sidecar, String name) {
    JsonArray apps = new JsonObject(admin(sidecar, "/apps").body()).getJsonArray("applications");
    for (int i = 0; i < apps.size(); i++) {
      if (apps.getJsonObject(i).getString("name").equals(name)) {
        return apps.getJsonObject(i);
      }
    }
    throw new AssertionError("no application " + name + " in " + apps.encode());
  }

  /** Pids of the application's processes in the given state (ready, draining, …). */
  static List<Long> pids(RunningSidecar sidecar, String name, String state) {
    JsonArray processes = app(sidecar, name).getJsonArray("processes");
    return processes.stream()
        .map(JsonObject.class::cast)
        .filter(p -> p.getString("state").equals(state))
        .map(p -> p.getLong("pid"))
        .toList();
  }

  static HttpResponse<String> admin(RunningSidecar sidecar, String path) {
    return sidecar.send(HttpRequest.newBuilder(sidecar.adminUri(path)).build());
  }

  static HttpResponse<String> post(RunningSidecar sidecar, String path) {
    return sidecar.send(
        HttpRequest.newBuilder(sidecar.adminUri(path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** A metric's value for the application, 0 when absent. */
  static double metric(RunningSidecar sidecar, String metric, String app) {
    String prefix = metric + "{app=\"" + app + "\"";
    return admin(sidecar, "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Sends a GET without waiting for its answer. */
  static CompletableFuture<HttpResponse<String>> async(RunningSidecar sidecar, String path) {
    return sidecar
        .client()
        .sendAsync(
            HttpRequest.newBuilder(sidecar.uri(path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Completes with the time a running process exits. */
  static CompletableFuture<Instant> exitTime(long pid) {
    return ProcessHandle.of(pid).orElseThrow().onExit().thenApply(p -> Instant.now());
  }

  /** Requests in flight on the application's first process. */
  static int activeRequests(RunningSidecar sidecar, String name) {
    return app(sidecar, name)
        .getJsonArray("processes")
        .getJsonObject(0)
        .getInteger("activeRequests");
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  static Optional<Instant> startOf(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant());
  }
}
