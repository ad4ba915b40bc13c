package io.webgarden.sidecar.host;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties every node process's life to the sidecar's, as iisnode's Job Object tied node to its worker
 * process, without touching the app's code:
 *
 * <ul>
 *   <li>a session of its own ({@code setsid}), so a terminal's Ctrl-C reaches only the sidecar,
 *       which then stops its processes gracefully, instead of killing them mid-request;
 *   <li>a lifeline: a script preloaded through {@code NODE_OPTIONS=--require} connects to a unix
 *       socket of the sidecar and exits the process when that connection closes, which the kernel
 *       does when the sidecar dies for any reason (SIGKILL and the OOM killer included).
 * </ul>
 *
 * <p>The lifeline costs one idle connection per process and nothing per request. Node processes
 * that an app starts itself inherit NODE_OPTIONS and get a lifeline of their own.
 */
final class ChildLifetime {
  private static final Logger LOG = LoggerFactory.getLogger(ChildLifetime.class);
  static final String LIFELINE_VARIABLE = "WEBGARDEN_LIFELINE";
  private static final List<Path> SETSID =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  /**
   * The preloaded script. On the lifeline's end it sends the process SIGTERM, so the app's own
   * handler may clean up, and exits it five seconds later should the handler not.
   */
  private static final String PRELOAD =
      """
      'use strict';
      // webgarden: this process exits when the sidecar that started it is gone.
      (() => {
        const path = process.env.%s;
        if (!path) { return; }
        let ended = false;
        const end = () => {
          if (ended) { return; }
          ended = true;
          setTimeout(() => process.exit(143), 5000).unref();
          process.kill(process.pid, 'SIGTERM');
        };
        const line = require('net').connect(path);
        line.on('error', end);
        line.on('close', end);
        line.resume();
        line.unref();
      })();
      """
          .formatted(LIFELINE_VARIABLE);

  private final Optional<Path> setsid;
  private final NetServer server;
  private final Path socket;
  private final Path preload;

  private ChildLifetime(Optional<Path> setsid, NetServer server, Path socket, Path preload) {
    this.setsid = setsid;
    this.server = server;
    this.socket = socket;
    this.preload = preload;
  }

  /**
   * Writes the preload script into {@code folder} and listens on the lifeline socket there.
   * Blocking: call it before any process starts, off the event loop.
   */
  static ChildLifetime open(Vertx vertx, Path folder) {
    Optional<Path> setsid = SETSID.stream().filter(Files::isExecutable).findFirst();
    if (setsid.isEmpty()) {
      LOG.warn(
          "setsid not found in {}: node processes share the sidecar's process group, so a"
              + " terminal's Ctrl-C reaches them directly",
          SETSID);
    }
    Path socket = folder.resolve("lifeline.sock");
    Path preload = folder.resolve("lifeline.cjs");
    try {
      Files.writeString(preload, PRELOAD, StandardCharsets.UTF_8);
      NetServer server =
          vertx
              .createNetServer()
              .connectHandler(
                  connection -> {
                    // Held open and never read from: its close is the message.
                    connection.exceptionHandler(e -> LOG.debug("lifeline: {}", e.toString()));
                    connection.handler(ignored -> {});
                  });
      server.listen(SocketAddress.domainSocketAddress(socket.toString())).await();
      return new ChildLifetime(setsid, server, socket, preload);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "no lifeline for node processes ({}): should the sidecar be killed, they keep"
              + " running",
          e.toString());
      return new ChildLifetime(setsid, null, socket, preload);
    }
  }

  /**
   * {@code command} to run in a session of its own. The pid stays node's: setsid execs it.
   *
   * @param searchPath the PATH the process gets, to find a program named without a folder
   * @throws IOException when the program does not exist or cannot be run: setsid would only exit
   *     with 127, and the error must name the program, as ProcessBuilder's does
   */
  List<String> wrap(List<String> command, String searchPath) throws IOException {
    if (setsid.isEmpty()) {
      return command;
    }
    String program = command.get(0);
    Stream<Path> candidates =
        program.contains("/")
            ? Stream.of(Path.of(program))
            : Arrays.stream(searchPath.split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program));
    if (candidates.noneMatch(file -> Files.isRegularFile(file) && Files.isExecutable(file))) {
      throw new IOException(
          "Cannot run program \""
              + program
              + "\": no such executable"
              + (program.contains("/") ? "" : " on PATH (" + searchPath + ")"));
    }
    List<String> wrapped = new ArrayList<>(command.size() + 1);
    wrapped.add(setsid.get().toString());
    wrapped.addAll(command);
    return wrapped;
  }

  /** Adds the preload to NODE_OPTIONS (after the app's own) and the lifeline's address. */
  void addTo(Map<String, String> environment) {
    if (server == null) {
      return;
    }
    String require = "--require \"" + preload + "\"";
    environment.merge(
        "NODE_OPTIONS", require, (own, added) -> own.isBlank() ? added : own + " " + added);
    environment.put(LIFELINE_VARIABLE, socket.toString());
  }

  /** Closes the lifeline; every process still connected exits. For the very end. */
  void close() {
    if (server != null) {
      server.close();
    }
  }
}
