package io.webgarden.sidecar.proxy;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol upgrade (WebSocket) end to end: the handshake goes to the target; on 101 both
 * connections become raw sockets piped into each other until either side closes. Used for the apps'
 * WebSockets and for the integrated debugger's inspector connection.
 */
public final class UpgradeTunnel {
  private static final Logger LOG = LoggerFactory.getLogger(UpgradeTunnel.class);

  private final HttpServerRequest request;
  private final HttpClient client;
  private final RequestOptions target;
  private final Runnable onClose;
  private final Consumer<Throwable> onHandshakeFailure;

  /**
   * @param target where the handshake goes: server address, URI and the headers to send (the
   *     Upgrade and Connection headers are added)
   * @param onClose runs once when the tunnel (or a refused handshake's response) ends
   * @param onHandshakeFailure answers the client when the target could not be reached; the tunnel
   *     calls neither callback after it
   */
  public UpgradeTunnel(
      HttpServerRequest request,
      HttpClient client,
      RequestOptions target,
      Runnable onClose,
      Consumer<Throwable> onHandshakeFailure) {
    this.request = request;
    this.client = client;
    this.target = target;
    this.onClose = onClose;
    this.onHandshakeFailure = onHandshakeFailure;
  }

  public void start() {
    target.putHeader("Connection", "Upgrade");
    target.putHeader("Upgrade", request.getHeader("upgrade"));
    target.setMethod(request.method());
    client
        .request(target)
        .compose(
            outgoing -> {
              // The tunnel's end closes this connection; that is no error, and Vert.x would log
              // one.
              outgoing.exceptionHandler(
                  e ->
                      LOG.debug(
                          "{}: upgrade connection to {}: {}",
                          request.path(),
                          target.getServer(),
                          e.toString()));
              return outgoing.connect();
            })
        .onComplete(
            connected -> {
              if (connected.failed()) {
                onHandshakeFailure.accept(connected.cause());
              } else if (connected.result().statusCode() != 101) {
                refused(connected.result());
              } else {
                accept(connected.result());
              }
            });
  }

  /** The app answered the handshake with a normal response: pass it on as is. */
  private void refused(HttpClientResponse incoming) {
    HttpServerResponse response = request.response();
    response.setStatusCode(incoming.statusCode());
    ProxyHeaders.copyEndToEnd(incoming.headers(), response.headers());
    if (incoming.getHeader("content-length") == null) {
      response.setChunked(true);
    }
    response.send(incoming).onComplete(done -> onClose.run());
  }

  private void accept(HttpClientResponse incoming) {
    NetSocket processSide = incoming.netSocket();
    HttpServerResponse response = request.response();
    response.setStatusCode(101);
    response.headers().addAll(incoming.headers());
    request
        .toNetSocket()
        .onComplete(
            upgraded -> {
              if (upgraded.failed()) {
                processSide.close();
                onClose.run();
                return;
              }
              NetSocket clientSide = upgraded.result();
              clientSide.pipeTo(processSide);
              processSide.pipeTo(clientSide);
              clientSide.closeHandler(v -> processSide.close());
              processSide.closeHandler(
                  v -> {
                    clientSide.close();
                    onClose.run();
                  });
            });
  }
}
