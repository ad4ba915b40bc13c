package io.webgarden.sidecar.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.webgarden.sidecar.compression.DynamicCompression;
import io.webgarden.sidecar.config.Setting;
import io.webgarden.sidecar.config.Settings;
import io.webgarden.sidecar.errors.ErrorResponder;
import io.webgarden.sidecar.errors.Failures;
import io.webgarden.sidecar.host.Admission;
import io.webgarden.sidecar.host.HostFailure;
import io.webgarden.sidecar.host.Lease;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's trip, as a retry loop: admission, the request to the process, then either the
 * response back ({@link ResponseRelay}) or, for an idempotent request whose process failed before
 * answering, one more attempt on another process. The body is decided once ({@link RequestBody});
 * every failure is answered through the errors package's one mapping.
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

  private final HttpServerRequest request;
  private final Admission application;
  private final HttpClient client;
  private final NodeChannels channels;
  private final ErrorResponder errors;
  private final Settings settings;
  private final RequestTrace trace;
  private final BodyLimit limit;
  private final ResponseRelay relay;

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
    this.limit = limit;
    this.application = application;
    this.settings = settings;
    this.client = pools.upgrades();
    this.channels = pools.channels();
    this.errors = errors;
    this.trace = trace;
    this.relay = new ResponseRelay(request, application, settings, trace, copy, compression);
    // ContextInternal is the only way to a context's Netty event loop: see docs/design-notes.md.
    this.context = (ContextInternal) Vertx.currentContext();
  }

  void start() {
    int maxBuffer = settings.integer(Setting.MAX_REQUEST_BUFFER_SIZE);
    int headerBlock = request.uri().length() + 16 + ProxyHeaders.blockSize(request.headers());
    if (headerBlock > maxBuffer) {
      fail(ProxyFailure.headerTooLarge(headerBlock, maxBuffer));
      return;
    }
    if (ProxyHeaders.isUpgrade(request.headers())) {
      upgrade();
      return;
    }
    RequestBody.of(request, maxBuffer)
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
  }

  private void upgrade() {
    application
        .admit(StickyCookie.requested(request, application))
        .onComplete(
            admitted -> {
              if (admitted.failed()) {
                failAdmission(admitted.cause());
                return;
              }
              Lease lease = admitted.result();
              RequestOptions target =
                  new RequestOptions()
                      .setServer(lease.address())
                      .setURI(request.uri())
                      .setHeaders(ForwardingHeaders.forNode(request, settings));
              new UpgradeTunnel(
                      request,
                      client,
                      target,
                      lease::release,
                      failure -> {
                        lease.release();
                        fail(
                            new HostFailure(
                                HostFailure.Kind.APP_CRASHED,
                                "The node process failed the upgrade handshake: "
                                    + failure.getMessage()));
                      })
                  .start();
            });
  }

  /**
   * @param failed the lease whose process failed the first attempt, for the retry; else null
   */
  private void attempt(RequestBody body, Lease failed) {
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
                      relay.relay(lease, responded.result());
                    } else {
                      lease.release();
                      processFailed(lease, body, failed, responded.cause());
                    }
                  });
        });
  }

  private Future<NodeResponse> send(Lease lease, RequestBody body) {
    // The node connection lives on this request's event loop: no thread hop either way.
    return channels
        .acquire(lease.address(), context)
        .compose(
            connection -> {
              // 103 Early Hints from the app reach the client before the final response.
              NodeResponse answer =
                  connection.send(
                      context,
                      request,
                      ForwardingHeaders.forNode(request, settings),
                      body.bytes(),
                      body.streamed(),
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

  /**
   * @param failedBefore the lease of a first attempt that failed too, or null
   */
  private void processFailed(Lease lease, RequestBody body, Lease failedBefore, Throwable cause) {
    if (cause instanceof BodyTooLargeException) {
      return; // the process is fine; the limit's own answer goes to the client
    }
    if (ProxyFailure.isMalformedResponse(cause)) {
      // The process is alive and answered, just not in a form we can pass on: no retry.
      LOG.warn(
          "{}: process {} answered {} {} with an unusable response: {}",
          application.name(),
          lease.pid(),
          request.method(),
          request.uri(),
          cause.toString());
      fail(
          ProxyFailure.unusableResponse(
              lease, cause, settings.text(Setting.MAX_REQUEST_BUFFER_SIZE)));
      return;
    }
    boolean canRetry =
        failedBefore == null
            && RequestBody.idempotent(request)
            && !body.streamed()
            && !request.response().closed();
    LOG.warn(
        "{}: process {} failed {} {} before answering ({}){}",
        application.name(),
        lease.pid(),
        request.method(),
        request.uri(),
        cause.getMessage(),
        canRetry ? "; retrying on another process" : "");
    if (canRetry) {
      attempt(body, lease);
      return;
    }
    fail(
        new HostFailure(
            HostFailure.Kind.APP_CRASHED,
            "The node process "
                + lease.pid()
                + " closed the connection before it answered (it probably crashed).",
            lease.outputTail()));
  }

  private void failAdmission(Throwable cause) {
    if (!(cause instanceof HostFailure)) {
      LOG.error("{}: admission failed", application.name(), cause);
    }
    fail(cause);
  }

  /** Answers the client from the one mapping of failures to errors, with the app's settings. */
  private void fail(Throwable failure) {
    // Drain what the client still sends, so its connection stays usable for the next request.
    RequestBody.resumeUnlessEnded(request);
    errors.send(
        request,
        Failures.answer(failure).withSettings(relevantSettings()),
        settings.bool(Setting.DEV_ERRORS_ENABLED));
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
