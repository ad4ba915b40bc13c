package io.webgarden.sidecar.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.compression.DynamicCompression;
import io.webgarden.sidecar.compression.StreamEncoder;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.host.Admission;
import io.webgarden.sidecar.host.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays node's answer to the client: the head as the client gets it (end-to-end headers, the debug
 * header, the sticky cookie, dynamic compression's changes), then the body as it arrives, seen by
 * the output cache's copy; the lease is released when the response ended or broke off.
 */
final class ResponseRelay {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseRelay.class);

  private final HttpServerRequest request;
  private final Admission application;
  private final Settings settings;
  private final RequestTrace trace;
  private final ResponseCopy copy;
  private final DynamicCompression compression;

  /**
   * @param copy sees the response for the output cache, or null
   * @param compression compresses the response (urlCompression/@doDynamicCompression), or null
   */
  ResponseRelay(
      HttpServerRequest request,
      Admission application,
      Settings settings,
      RequestTrace trace,
      ResponseCopy copy,
      DynamicCompression compression) {
    this.request = request;
    this.application = application;
    this.settings = settings;
    this.trace = trace;
    this.copy = copy;
    this.compression = compression;
  }

  void relay(Lease lease, NodeResponse incoming) {
    HttpServerResponse response = request.response();
    int status = incoming.statusCode();
    response.setStatusCode(status);
    // Vert.x builds a new status line for any message set; node's is nearly always the standard
    // one.
    String message = incoming.statusMessage();
    if (!HttpResponseStatus.valueOf(status).reasonPhrase().equals(message)) {
      response.setStatusMessage(message);
    }
    ProxyHeaders.copyEndToEnd(incoming.headers(), response.headers());
    if (settings.bool(Setting.DEBUG_HEADER_ENABLED)) {
      response.putHeader(DebugHeader.NAME, DebugHeader.value(application, lease, trace));
    }
    StickyCookie.pin(request, application, lease);
    boolean bodiless = request.method() == HttpMethod.HEAD || status == 204 || status == 304;
    // Netty's decoder knows a HEAD, 204 or 304 has no body, and ends it at once.
    boolean copied = copy != null && !bodiless && copy.head(status, response.headers());
    // After the copy took the head: the output cache keeps the identity response.
    StreamEncoder encoder =
        compression == null ? null : compression.start(request, status, response.headers());
    if (!bodiless && !response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      response.setChunked(true);
    }
    Future<Void> relayed = incoming.pipeTo(response, copied ? copy : null, encoder);
    relayed.onComplete(
        done -> {
          lease.release();
          if (done.failed()) {
            brokeOff(lease, incoming, done.cause());
          }
        });
  }

  /**
   * One side went away mid-response. If the client left, node must learn it (an app streaming
   * events would otherwise write forever): reset the request to node, which closes that connection.
   * If the process died, the status is gone, so the client learns it by a reset.
   */
  private void brokeOff(Lease lease, NodeResponse incoming, Throwable cause) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      // The client's choice (a closed tab, a cancelled download): nothing failed, so no
      // warning; the access line's 499 records it.
      LOG.info(
          "{}: {} {}: the client left mid-response from process {}",
          application.name(),
          request.method(),
          request.uri(),
          lease.pid());
    } else {
      LOG.warn(
          "{}: {} {} broke off mid-response from process {} ({})",
          application.name(),
          request.method(),
          request.uri(),
          lease.pid(),
          cause.getMessage());
    }
    incoming.reset();
    if (!response.closed()) {
      response.reset();
    }
  }
}
