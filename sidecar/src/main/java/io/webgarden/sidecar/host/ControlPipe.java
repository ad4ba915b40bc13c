package io.webgarden.sidecar.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * iisnode's recycle signal (recycleSignalEnabled): a unix socket handed to the process in
 * IISNODE_CONTROL_PIPE; a process that connects and writes {@code recycle} is recycled.
 */
final class ControlPipe {
  private final NetServer server;
  private final Path path;

  private ControlPipe(NetServer server, Path path) {
    this.server = server;
    this.path = path;
  }

  /**
   * Listens on {@code path}; {@code onRecycle} runs when the process asks to be recycled. Completes
   * once the pipe listens, so that the process is spawned only when it can connect; it allocates a
   * socket, so call it outside the application's monitor ({@link NodeProcess.Setup} does).
   */
  static Future<ControlPipe> open(Vertx vertx, Path path, Runnable onRecycle) {
    NetServer server =
        vertx
            .createNetServer()
            .connectHandler(
                socket -> {
                  StringBuilder received = new StringBuilder();
                  socket.handler(
                      data -> {
                        received.append(data.toString(StandardCharsets.UTF_8));
                        if (received.indexOf("recycle") >= 0) {
                          received.setLength(0);
                          onRecycle.run();
                        } else if (received.length() > 1024) {
                          received.setLength(0);
                        }
                      });
                });
    return server
        .listen(SocketAddress.domainSocketAddress(path.toString()))
        .map(listening -> new ControlPipe(server, path));
  }

  Path path() {
    return path;
  }

  void close() {
    server.close();
  }
}
