package io.webgarden.sidecar.proxy;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.webgarden.sidecar.compression.StreamEncoder;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The answer to one request, as Netty decodes it: the head (status, reason, headers), then the
 * body, forwarded to the client's response as it arrives, in one write per read from node.
 */
final class NodeResponse {
  private final NodeConnection connection;
  private final Consumer<MultiMap> earlyHints;
  private final Promise<NodeResponse> head = Promise.promise();
  private HttpResponse status;

  /** What arrived since the last write to the client, or before its response was attached. */
  private Buffer pending;

  private boolean ended;
  private HttpServerResponse target;
  private Promise<Void> relayed;
  private Throwable failure;

  /** Sees the body for the output cache, or null. */
  private ResponseCopy copy;

  /** Compresses the body on its way to the client (dynamic compression), or null. */
  private StreamEncoder encoder;

  NodeResponse(NodeConnection connection, Consumer<MultiMap> earlyHints) {
    this.connection = connection;
    this.earlyHints = earlyHints;
  }

  Future<NodeResponse> head() {
    return head.future();
  }

  int statusCode() {
    return status.status().code();
  }

  String statusMessage() {
    return status.status().reasonPhrase();
  }

  HttpHeaders headers() {
    return status.headers();
  }

  /**
   * Sends the body to {@code response} and ends it; the future fails when either side went away
   * first. {@code copy} (or null) sees the body as node sent it, {@code encoder} (or null)
   * compresses what the client gets.
   */
  Future<Void> pipeTo(HttpServerResponse response, ResponseCopy copy, StreamEncoder encoder) {
    this.copy = copy;
    this.encoder = encoder;
    target = response;
    relayed = Promise.promise();
    if (failure != null) {
      relayed.fail(failure);
    } else {
      flush();
    }
    return relayed.future();
  }

  /**
   * Closes the connection to node if this exchange is still on it, so node learns that the client
   * left; a no-op once the response ended.
   */
  void reset() {
    if (connection.carries(this)) {
      connection.abort(new IOException("the client went away"));
    }
  }

  void earlyHints(HttpHeaders hints) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> hint : hints) {
      headers.add(hint.getKey(), hint.getValue());
    }
    earlyHints.accept(headers);
  }

  void headArrived(HttpResponse response) {
    status = response;
    head.tryComplete(this);
  }

  void content(HttpContent content) {
    if (content.content().isReadable()) {
      byte[] bytes = new byte[content.content().readableBytes()];
      content.content().readBytes(bytes);
      if (pending == null) {
        pending = Buffer.buffer(bytes);
      } else {
        pending.appendBytes(bytes);
      }
    }
    content.release();
    if (content instanceof LastHttpContent) {
      ended = true;
      connection.responseEnded();
      flush();
    }
  }

  /** Netty finished a read batch from node: what it brought goes to the client in one write. */
  void readComplete() {
    flush();
  }

  private void flush() {
    HttpServerResponse response = target;
    if (response == null || relayed.future().isComplete()) {
      return;
    }
    Buffer chunk = pending;
    pending = null;
    if (copy != null && chunk != null && !copy.chunk(chunk)) {
      copy = null;
    }
    if (encoder != null) {
      chunk = encoded(chunk);
    }
    if (ended) {
      Future<Void> end = chunk == null ? response.end() : response.end(chunk);
      ResponseCopy finished = copy;
      if (finished != null) {
        end.onSuccess(v -> finished.ended());
      }
      end.onComplete(relayed);
    } else if (chunk != null) {
      response.write(chunk);
      if (response.writeQueueFull()) {
        connection.readWhile(false);
        response.drainHandler(
            v -> {
              if (connection.carries(this)) { // not a later exchange's connection by now
                connection.readWhile(true);
              }
            });
      }
    }
  }

  /** The compressed form of what node sent since the last write, or null when it is nothing. */
  private Buffer encoded(Buffer chunk) {
    Buffer out = chunk == null ? null : encoder.encode(chunk);
    if (ended) {
      Buffer tail = encoder.finish();
      out = out == null ? tail : out.appendBuffer(tail);
    }
    return out == null || out.length() == 0 ? null : out;
  }

  void failed(Throwable cause) {
    if (encoder != null) {
      encoder.abandon();
    }
    if (head.tryFail(cause)) {
      return;
    }
    failure = cause;
    if (relayed != null) {
      relayed.tryFail(cause);
    }
  }
}
