package io.webgarden.sidecar.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One keep-alive connection to a node process, carrying one exchange at a time: it writes the
 * request (the head once, the body as it comes, with back-pressure both ways) and hands what
 * Netty's HTTP/1.1 decoder makes of the answer to the exchange's {@link NodeResponse}. Runs on its
 * channel's event loop, which is the client connection's, so nothing here needs a lock.
 */
final class NodeConnection extends ChannelInboundHandlerAdapter {
  private static final DefaultHttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  private final Channel channel;
  private final NodeChannels.ProcessChannels pool;
  private final long createdNanos = System.nanoTime();
  private long idleSinceNanos = createdNanos;
  private boolean reusable = true;

  /** The exchange in flight, or null while idle; and its request's context. */
  private NodeResponse current;

  private ContextInternal context;
  private HttpServerRequest streaming;
  private boolean requestSent;
  private boolean informational;

  NodeConnection(Channel channel, NodeChannels.ProcessChannels pool) {
    this.channel = channel;
    this.pool = pool;
  }

  EventLoop loop() {
    return channel.eventLoop();
  }

  long createdNanos() {
    return createdNanos;
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  void idleSince(long nanos) {
    idleSinceNanos = nanos;
  }

  boolean reusable() {
    return reusable && channel.isActive();
  }

  /** Moves the channel to {@code loop}, for a request waiting there; called on its own loop. */
  Future<NodeConnection> moveTo(EventLoop loop) {
    Promise<NodeConnection> moved = Promise.promise();
    channel
        .deregister()
        .addListener(
            left -> {
              if (!left.isSuccess()) {
                moved.fail(left.cause());
                return;
              }
              loop.register(channel)
                  .addListener(
                      joined -> {
                        if (joined.isSuccess()) {
                          moved.complete(this);
                        } else {
                          moved.fail(joined.cause());
                        }
                      });
            });
    return moved.future();
  }

  void close() {
    reusable = false;
    channel.close();
  }

  /**
   * Sends one request: with {@code body}, the buffered body of a replayable request; else, with
   * {@code streamBody}, the request's own body as it arrives; else no body.
   */
  NodeResponse send(
      ContextInternal context,
      HttpServerRequest request,
      MultiMap headers,
      Buffer body,
      boolean streamBody,
      BodyLimit limit,
      Consumer<MultiMap> earlyHints) {
    NodeResponse response = new NodeResponse(this, earlyHints);
    current = response;
    this.context = context;
    requestSent = false;
    informational = false;
    HttpHeaders nodeHeaders = nettyHeaders(headers);
    HttpMethod method = HttpMethod.valueOf(request.method().name());
    String uri = request.uri();
    if (!streamBody) {
      channel.writeAndFlush(
          new DefaultFullHttpRequest(
              HttpVersion.HTTP_1_1,
              method,
              uri,
              body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body.getBytes()),
              nodeHeaders,
              // A request the sidecar sends whole has no trailers: no empty map to allocate.
              EmptyHttpHeaders.INSTANCE));
      requestSent = true;
    } else {
      HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri, nodeHeaders);
      if (!nodeHeaders.contains(HttpHeaderNames.CONTENT_LENGTH)) {
        HttpUtil.setTransferEncodingChunked(head, true);
      }
      channel.writeAndFlush(head);
      stream(request, response, limit);
    }
    return response;
  }

  /**
   * Vert.x's case-insensitive MultiMap is a Netty HttpHeaders already (its own HttpClient hands it
   * to Netty's encoder as is), so the request's headers need no copy on the hot path.
   */
  private static HttpHeaders nettyHeaders(MultiMap headers) {
    if (headers instanceof HttpHeaders netty) {
      return netty;
    }
    HttpHeaders copy = HEADERS.newHeaders();
    for (Map.Entry<String, String> header : headers) {
      copy.add(header.getKey(), header.getValue());
    }
    return copy;
  }

  private void stream(HttpServerRequest request, NodeResponse response, BodyLimit limit) {
    streaming = request;
    long[] forwarded = {0};
    request.handler(
        chunk -> {
          if (current != response || !channel.isActive()) {
            return; // node answered (or failed) before the body ended: the rest goes nowhere
          }
          forwarded[0] += chunk.length();
          if (forwarded[0] > limit.maxBytes()) {
            // Over the limit: this chunk never reaches node, and closing the connection tells node
            // the request was aborted (its process lives on); the exchange answers the client.
            failed(new BodyTooLargeException(limit.maxBytes()));
            limit.exceeded().run();
            return;
          }
          channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.getBytes())));
          if (!channel.isWritable()) {
            request.pause();
          }
        });
    request.endHandler(
        v -> {
          if (current == response && channel.isActive()) {
            streaming = null;
            requestSent = true;
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
          }
        });
    request.exceptionHandler(
        e -> {
          if (current == response) {
            close(); // the client went away mid-body: node must not wait for the rest
          }
        });
    request.resume();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (streaming != null && channel.isWritable()) {
      streaming.resume();
    }
    ctx.fireChannelWritabilityChanged();
  }

  // Netty calls the handler methods below on the event loop, outside any Vert.x context; each
  // one that reaches the exchange runs on the request's context (as Vert.x's own handlers do), so
  // the exchange's callbacks, a retry's admission among them, see the context they expect.

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    NodeResponse response = current;
    if (response == null) {
      ReferenceCountUtil.release(message);
      close(); // node spoke out of turn
      return;
    }
    ContextInternal previous = context.beginDispatch();
    try {
      read(response, message);
    } finally {
      context.endDispatch(previous);
    }
  }

  private void read(NodeResponse response, Object message) {
    if (message instanceof HttpResponse head) {
      if (head.decoderResult().isFailure()) {
        ReferenceCountUtil.release(message);
        failed(head.decoderResult().cause());
        return;
      }
      int status = head.status().code();
      informational = status >= 100 && status < 200 && status != 101;
      if (informational) {
        if (status == 103) {
          response.earlyHints(head.headers());
        }
      } else {
        if (!HttpUtil.isKeepAlive(head)) {
          reusable = false;
        }
        response.headArrived(head);
      }
    }
    if (message instanceof HttpContent content) {
      if (informational) {
        informational = !(content instanceof LastHttpContent);
        content.release();
      } else if (content.decoderResult().isFailure()) {
        Throwable cause = content.decoderResult().cause();
        content.release();
        failed(cause);
      } else {
        response.content(content);
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    NodeResponse response = current;
    if (response != null) {
      ContextInternal previous = context.beginDispatch();
      try {
        response.readComplete();
      } finally {
        context.endDispatch(previous);
      }
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reusable = false;
    failedOnContext(new IOException("the node process closed the connection"));
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (current == null) {
      close();
    } else {
      failedOnContext(cause);
    }
  }

  private void failedOnContext(Throwable cause) {
    if (current != null) {
      ContextInternal previous = context.beginDispatch();
      try {
        failed(cause);
      } finally {
        context.endDispatch(previous);
      }
    }
  }

  /** Node stops or resumes sending while the client cannot keep up. */
  void readWhile(boolean flowing) {
    channel.config().setAutoRead(flowing);
  }

  /** The response's last byte was read; the connection is free if the request was sent too. */
  void responseEnded() {
    if (!requestSent) {
      reusable = false; // node answered before the request body ended: this connection is spent
    }
    finished();
  }

  private void finished() {
    current = null;
    streaming = null;
    channel.config().setAutoRead(true);
    pool.release(this);
  }

  /** Whether {@code response}'s exchange is the one on this connection now. */
  boolean carries(NodeResponse response) {
    return current == response;
  }

  /** Ends the exchange in flight: the connection closes and its response fails. */
  void abort(Throwable cause) {
    failed(cause);
  }

  private void failed(Throwable cause) {
    NodeResponse response = current;
    current = null;
    streaming = null;
    close();
    if (response != null) {
      response.failed(cause);
    }
  }
}
