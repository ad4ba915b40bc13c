package io.webgarden.sidecar.proxy;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.webgarden.sidecar.compression.DynamicCompression;
import io.webgarden.sidecar.compression.StreamEncoder;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.ErrorResponder.SidecarError;
import io.webgarden.sidecar.errors.Failures;
import io.webgarden.sidecar.host.Admission;
import io.webgarden.sidecar.host.HostFailure;
import io.webgarden.sidecar.host.Lease;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's trip: admission, the request to the process, the response back, and at most one
 * retry on another process for an idempotent request whose process died before answering.
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  private static final Set<HttpMethod> IDEMPOTENT =
      Set.of(
          HttpMethod.GET,
          HttpMethod.HEAD,
          HttpMethod.OPTIONS,
          HttpMethod.PUT,
          HttpMethod.DELETE,
          HttpMethod.TRACE);

  private final HttpServerRequest request;
  private final Admission application;
  private final HttpClient client;
  private final NodeChannels channels;
  private final ErrorResponder errors;
  private final Settings settings;
  private final RequestTrace trace;
  private final ResponseCopy copy;
  private final BodyLimit limit;

  /** Compresses the response (urlCompression/@doDynamicCompression), or null. */
  private final DynamicCompression compression;

  /** The request's context, whose event loop the node connection must live on. */
  private final ContextInternal context;

  Exchange(
      HttpServerRequest request,
      Admission application,
      Settings settings,
      NodeProxy.Pools pools,
      ErrorResponder errors,
      RequestTrace trace,
      ResponseCopy copy,
      BodyLimit limit,
      DynamicCompression compression) {
    this.request = request;
    this.compression = compression;
    this.copy = copy;
    this.limit = limit;
    this.application = application;
    this.settings = settings;
    this.client = pools.upgrades();
    this.channels = pools.channels();
    this.errors = errors;
    this.trace = trace;
    // ContextInternal is the only way to a context's Netty event loop: see docs/design-notes.md.
    this.context = (ContextInternal) Vertx.currentContext();
  }

  void start() {
    int limit = settings.integer(Setting.MAX_REQUEST_BUFFER_SIZE);
    int headerBlock = request.uri().length() + 16 + ProxyHeaders.blockSize(request.headers());
    if (headerBlock > limit) {
      fail(
          SidecarError.of(
              431,
              "header-too-large",
              "The request's header block is "
                  + headerBlock
                  + " bytes, more than maxRequestBufferSize ("
                  + limit
                  + ")."));
      return;
    }
    if (ProxyHeaders.isUpgrade(request.headers())) {
      upgrade();
      return;
    }
    if (isReplayable(limit)) {
      // Small and idempotent: read the body first so a retry can send it again.
      bodyIfAny()
          .onComplete(
              body -> {
                if (body.failed()) {
                  LOG.warn(
                      "{}: could not read the body of {} {}: {}",
                      application.name(),
                      request.method(),
                      request.uri(),
                      body.cause().toString());
                  request.connection().close();
                } else {
                  attempt(body.result(), null);
                }
              });
    } else {
      attempt(null, null);
    }
  }

  private void upgrade() {
    String pin = StickyCookie.requested(request, application);
    application
        .admit(pin)
        .onComplete(
            admitted -> {
              if (admitted.failed()) {
                failAdmission(admitted.cause());
              } else {
                Lease lease = admitted.result();
                RequestOptions target =
                    new RequestOptions()
                        .setServer(lease.address())
                        .setURI(request.uri())
                        .setHeaders(headersForNode());
                new UpgradeTunnel(
                        request,
                        client,
                        target,
                        lease::release,
                        failure -> {
                          lease.release();
                          fail(
                              SidecarError.of(
                                  HostFailure.Kind.APP_CRASHED.status(),
                                  HostFailure.Kind.APP_CRASHED.header(),
                                  "The node process failed the upgrade handshake: "
                                      + failure.getMessage()));
                        })
                    .start();
              }
            });
  }

  private boolean isReplayable(int limit) {
    if (!IDEMPOTENT.contains(request.method())) {
      return false;
    }
    String length = request.getHeader("content-length");
    if (length != null) {
      try {
        return Long.parseLong(length.strip()) <= limit;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return !request.headers().contains("transfer-encoding");
  }

  private Future<Buffer> bodyIfAny() {
    String length = request.getHeader("content-length");
    if (length == null || length.strip().equals("0")) {
      resumeUnlessEnded();
      return Future.succeededFuture();
    }
    // body() only collects what arrives: the router paused the request, so let it flow.
    Future<Buffer> body = request.body();
    request.resume();
    return body;
  }

  /**
   * @param body the buffered body of a replayable request, or null to stream the request's own
   * @param failed the lease whose process failed the first attempt, for the retry; else null
   */
  private void attempt(Buffer body, Lease failed) {
    long asked = System.nanoTime();
    String pin = StickyCookie.requested(request, application);
    Future<Lease> admission =
        failed == null ? application.admit(pin) : application.retry(failed, pin);
    // A client that gives up while queued must not keep its place, nor be served later.
    request.response().closeHandler(v -> application.abandon(admission));
    admission.onComplete(
        admitted -> {
          if (admitted.failed()) {
            failAdmission(admitted.cause());
            return;
          }
          Lease lease = admitted.result();
          trace.admitted(lease.pid(), System.nanoTime() - asked);
          send(lease, body)
              .onComplete(
                  responded -> {
                    if (responded.succeeded()) {
                      relay(lease, responded.result());
                    } else {
                      lease.release();
                      processFailed(lease, body, failed, responded.cause());
                    }
                  });
        });
  }

  private Future<NodeResponse> send(Lease lease, Buffer body) {
    // The node connection lives on this request's event loop: no thread hop either way.
    return channels
        .acquire(lease.address(), context)
        .compose(
            connection -> {
              boolean stream = body == null && !bodyIsEmpty();
              if (!stream && body == null) {
                resumeUnlessEnded();
              }
              // 103 Early Hints from the app reach the client before the final response.
              NodeResponse answer =
                  connection.send(
                      context,
                      request,
                      headersForNode(),
                      body,
                      stream,
                      bodyLimit(),
                      hints -> request.response().writeEarlyHints(hints));
              request.response().closeHandler(v -> answer.reset());
              return answer.head();
            });
  }

  /** The limit, answering the client only while its response has not begun. */
  private BodyLimit bodyLimit() {
    return new BodyLimit(
        limit.maxBytes(),
        () -> {
          if (!request.response().headWritten() && !request.response().closed()) {
            limit.exceeded().run();
          }
        });
  }

  private boolean bodyIsEmpty() {
    String length = request.getHeader("content-length");
    return (length == null || length.strip().equals("0"))
        && !request.headers().contains("transfer-encoding");
  }

  MultiMap headersForNode() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    ProxyHeaders.copyEndToEnd(request.headers(), headers);
    // The sidecar answered "100 Continue" itself (handle100ContinueAutomatically); node must not
    // wait for a body it would ask for again.
    headers.remove("expect");
    if (settings.bool(Setting.ENABLE_XFF)) {
      ForwardingHeaders.addForwardedFor(request, headers);
    }
    String promoted = settings.string(Setting.PROMOTE_SERVER_VARS);
    if (!promoted.isBlank()) {
      ForwardingHeaders.promote(
          request,
          Arrays.stream(promoted.split(","))
              .map(String::strip)
              .filter(name -> !name.isEmpty())
              .toList(),
          headers);
    }
    return headers;
  }

  private void relay(Lease lease, NodeResponse incoming) {
    HttpServerResponse response = request.response();
    int status = incoming.statusCode();
    response.setStatusCode(status);
    response.setStatusMessage(incoming.statusMessage());
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
        compression == null
            ? null
            : compression.start(
                request.method() == HttpMethod.HEAD,
                request.getHeader("accept-encoding"),
                status,
                response.headers());
    if (!bodiless && !response.headers().contains("content-length")) {
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

  /**
   * @param failedBefore the lease of a first attempt that failed too, or null
   */
  private void processFailed(Lease lease, Buffer body, Lease failedBefore, Throwable cause) {
    if (cause instanceof BodyTooLargeException) {
      return; // the process is fine; the limit's own answer goes to the client
    }
    if (isMalformedResponse(cause)) {
      // The process is alive and answered, just not in a form we can pass on: no retry.
      boolean tooLarge = cause instanceof TooLongFrameException;
      LOG.warn(
          "{}: process {} answered {} {} with an unusable response: {}",
          application.name(),
          lease.pid(),
          request.method(),
          request.uri(),
          cause.toString());
      fail(
          SidecarError.of(
                  500,
                  tooLarge ? "response-header-too-large" : "bad-response",
                  tooLarge
                      ? "The node process "
                          + lease.pid()
                          + " answered with a header block over"
                          + " maxRequestBufferSize ("
                          + settings.text(Setting.MAX_REQUEST_BUFFER_SIZE)
                          + " bytes)."
                      : "The node process "
                          + lease.pid()
                          + " answered with a response that is"
                          + " not valid HTTP/1.1: "
                          + cause.getMessage())
              .withSettings(relevantSettings()));
      return;
    }
    boolean canRetry =
        failedBefore == null
            && IDEMPOTENT.contains(request.method())
            && (body != null || bodyIsEmpty())
            && !request.response().closed();
    if (canRetry) {
      LOG.warn(
          "{}: process {} failed {} {} before answering ({}); retrying on another process",
          application.name(),
          lease.pid(),
          request.method(),
          request.uri(),
          cause.getMessage());
      attempt(body, lease);
      return;
    }
    LOG.warn(
        "{}: process {} failed {} {} before answering: {}",
        application.name(),
        lease.pid(),
        request.method(),
        request.uri(),
        cause.getMessage());
    fail(
        SidecarError.of(
                HostFailure.Kind.APP_CRASHED.status(),
                HostFailure.Kind.APP_CRASHED.header(),
                "The node process "
                    + lease.pid()
                    + " closed the connection before it answered"
                    + " (it probably crashed).")
            .withOutput(lease.outputTail())
            .withSettings(relevantSettings()));
  }

  /**
   * A failure to decode the response, as opposed to a connection that closed or never opened. Netty
   * reports decoding problems as DecoderException (TooLongFrameException for a header block over
   * the limit) or as the IllegalArgumentException of a bad status line.
   */
  private static boolean isMalformedResponse(Throwable cause) {
    return cause instanceof DecoderException || cause instanceof IllegalArgumentException;
  }

  private void failAdmission(Throwable cause) {
    if (!(cause instanceof HostFailure)) {
      LOG.error("{}: admission failed", application.name(), cause);
    }
    fail(Failures.answer(cause).withSettings(relevantSettings()));
  }

  private void fail(SidecarError error) {
    // Drain what the client still sends, so its connection stays usable for the next request.
    resumeUnlessEnded();
    errors.send(request, error, settings.bool(Setting.DEV_ERRORS_ENABLED));
  }

  /** Vert.x refuses to resume a request whose end was already delivered. */
  private void resumeUnlessEnded() {
    if (!request.isEnded()) {
      request.resume();
    }
  }

  private Map<String, String> relevantSettings() {
    Map<String, String> relevant = new LinkedHashMap<>();
    relevant.put("application", application.name());
    for (Setting setting :
        List.of(
            Setting.NODE_PROCESS_COMMAND_LINE,
            Setting.NODE_PROCESS_COUNT_PER_APPLICATION,
            Setting.MAX_CONCURRENT_REQUESTS_PER_PROCESS,
            Setting.MAX_PENDING_REQUESTS,
            Setting.PENDING_REQUEST_TIMEOUT,
            Setting.PROCESS_START_TIMEOUT_MS)) {
      relevant.put(setting.key(), settings.text(setting));
    }
    for (int i = 0; i < settings.warnings().size(); i++) {
      relevant.put("warning " + (i + 1), settings.warnings().get(i));
    }
    return relevant;
  }
}
