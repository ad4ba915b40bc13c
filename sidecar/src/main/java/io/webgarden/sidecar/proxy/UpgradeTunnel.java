package io.webgarden.sidecar.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import io.webgarden.sidecar.host.HostFailure;
import io.webgarden.sidecar.host.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol upgrade (WebSocket) end to end: the handshake goes to the process; on 101 both
 * connections become raw sockets piped into each other until either side closes. The process slot
 * stays leased for the tunnel's life, since the process is serving it.
 */
final class UpgradeTunnel {
  private static final Logger LOG = LoggerFactory.getLogger(UpgradeTunnel.class);

  private final HttpServerRequest request;
  private final HttpClient client;
  private final Lease lease;
  private final MultiMap headers;
  private final ErrorResponder errors;
  private final boolean devErrors;

  UpgradeTunnel(HttpServerRequest request, HttpClient client, Lease lease, MultiMap headers,
      ErrorResponder errors, boolean devErrors) {
    this.request = request;
    this.client = client;
    this.lease = lease;
    this.headers = headers;
    this.errors = errors;
    this.devErrors = devErrors;
  }

  void start() {
    headers.set("Connection", "Upgrade");
    headers.set("Upgrade", request.getHeader("upgrade"));
    RequestOptions options = new RequestOptions()
        .setServer(lease.process().address().socketAddress())
        .setMethod(request.method())
        .setURI(request.uri())
        .setHeaders(headers);
    client.request(options)
        .compose(outgoing -> {
          // The tunnel's end closes this connection; that is no error, and Vert.x would log one.
          outgoing.exceptionHandler(e -> LOG.debug("{}: upgrade connection to process {}: {}",
              request.path(), lease.process().pid(), e.toString()));
          return outgoing.connect();
        })
        .onComplete(connected -> {
          if (connected.failed()) {
            lease.release();
            errors.send(request, SidecarError.of(502, HostFailure.Kind.APP_CRASHED.header(),
                "The node process failed the upgrade handshake: "
                    + connected.cause().getMessage()), devErrors);
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
    response.send(incoming).onComplete(done -> lease.release());
  }

  private void accept(HttpClientResponse incoming) {
    NetSocket processSide = incoming.netSocket();
    HttpServerResponse response = request.response();
    response.setStatusCode(101);
    response.headers().addAll(incoming.headers());
    request.toNetSocket().onComplete(upgraded -> {
      if (upgraded.failed()) {
        processSide.close();
        lease.release();
        return;
      }
      NetSocket clientSide = upgraded.result();
      clientSide.pipeTo(processSide);
      processSide.pipeTo(clientSide);
      clientSide.closeHandler(v -> processSide.close());
      processSide.closeHandler(v -> {
        clientSide.close();
        lease.release();
      });
    });
  }
}
