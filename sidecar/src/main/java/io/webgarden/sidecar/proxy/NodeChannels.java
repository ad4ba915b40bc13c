package io.webgarden.sidecar.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpClientCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One application's keep-alive connections to its node processes: Netty channels registered on the
 * Vert.x event loop that asks for them, so a request and its node connection share a thread. Idle
 * connections are kept per process and per event loop (touched by that loop only, so the hot path
 * takes no lock); the number of connections per process, across loops, is capped at
 * maxNamedPipeConnectionPoolSize, and a request over the cap waits for one to free up. A connection
 * freed on another loop than the oldest waiter's moves to the waiter's loop (Netty re-registers the
 * channel), so the cap costs a thread hop, never a new connection.
 */
final class NodeChannels {
  /** Below node's own 5 s keep-alive timeout, so the sidecar drops an idle connection first. */
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);

  private static final int MAX_STATUS_LINE = 4096;

  /** Bodies arrive in slices of at most this much (Netty's default, 8 KiB, splits every read). */
  private static final int MAX_CONTENT_SLICE = 64 * 1024;

  private final int maxConnections;
  private final long maxAgeNanos;
  private final int maxHeaderBytes;
  private final boolean nativeTransport;
  private final Map<SocketAddress, ProcessChannels> processes = new ConcurrentHashMap<>();

  /**
   * @param maxAgeMillis how long a connection may be reused; 0 closes each after one request
   * @param nativeTransport whether the event loops are epoll's (Vert.x's native transport)
   */
  NodeChannels(int maxConnections, int maxAgeMillis, int maxHeaderBytes, boolean nativeTransport) {
    this.maxConnections = Math.max(1, maxConnections);
    this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(maxAgeMillis);
    this.maxHeaderBytes = maxHeaderBytes;
    this.nativeTransport = nativeTransport;
  }

  /**
   * A connection to the process at {@code address} on the event loop of {@code context}: idle, new,
   * or awaited. Called on that context; the future completes there.
   */
  Future<NodeConnection> acquire(SocketAddress address, ContextInternal context) {
    return processes.computeIfAbsent(address, ProcessChannels::new).acquire(context);
  }

  /** One process's connections, by event loop. */
  final class ProcessChannels {
    private final SocketAddress address;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<EventLoop, ArrayDeque<NodeConnection>> idle = new ConcurrentHashMap<>();
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    private record Waiter(ContextInternal context, Promise<NodeConnection> promise) {
      EventLoop loop() {
        return context.nettyEventLoop();
      }
    }

    ProcessChannels(SocketAddress address) {
      this.address = address;
    }

    Future<NodeConnection> acquire(ContextInternal context) {
      EventLoop loop = context.nettyEventLoop();
      ArrayDeque<NodeConnection> mine = idle.computeIfAbsent(loop, l -> new ArrayDeque<>());
      long now = System.nanoTime();
      NodeConnection connection;
      while ((connection = mine.pollLast()) != null) {
        if (reusable(connection, now)) {
          return Future.succeededFuture(connection);
        }
        connection.close();
      }
      if (open.incrementAndGet() <= maxConnections) {
        return connect(context);
      }
      open.decrementAndGet();
      Promise<NodeConnection> promise = context.promise();
      waiters.add(new Waiter(context, promise));
      // Idle connections on other loops count towards the cap: send one over to the waiters.
      idle.forEach(
          (other, connections) -> {
            if (other != loop) {
              other.execute(
                  () -> {
                    NodeConnection spare = connections.pollFirst();
                    if (spare != null) {
                      release(spare);
                    }
                  });
            }
          });
      if (open.get() < maxConnections) {
        wake();
      }
      return promise.future();
    }

    /** The connection finished an exchange; called on its loop. */
    void release(NodeConnection connection) {
      long now = System.nanoTime();
      if (!reusable(connection, now)) {
        connection.close();
        return;
      }
      Waiter waiter = nextWaiter(connection.loop());
      if (waiter == null) {
        connection.idleSince(now);
        idle.computeIfAbsent(connection.loop(), l -> new ArrayDeque<>()).addLast(connection);
      } else if (waiter.loop() == connection.loop()) {
        // Later, not now: the exchange that released it is still unwinding.
        connection.loop().execute(() -> waiter.promise().complete(connection));
      } else {
        connection
            .moveTo(waiter.loop())
            .onComplete(
                moved -> {
                  if (moved.succeeded()) {
                    waiter.promise().complete(connection);
                  } else {
                    connection.close();
                    wake(waiter);
                  }
                });
      }
    }

    /** The oldest waiter on {@code loop} (no hop needed), else the oldest of all; removed. */
    private Waiter nextWaiter(EventLoop loop) {
      if (waiters.isEmpty()) {
        return null;
      }
      for (Waiter waiter : waiters) {
        if (waiter.loop() == loop && waiters.remove(waiter)) {
          return waiter;
        }
      }
      return waiters.poll();
    }

    private boolean reusable(NodeConnection connection, long now) {
      return maxAgeNanos > 0
          && connection.reusable()
          && now - connection.createdNanos() < maxAgeNanos
          && now - connection.idleSinceNanos() < IDLE_NANOS;
    }

    private Future<NodeConnection> connect(ContextInternal context) {
      // A context's promise: completed from Netty's listener, it calls back on the context.
      Promise<NodeConnection> promise = context.promise();
      ChannelFuture connected =
          new Bootstrap()
              .group(context.nettyEventLoop())
              .channel(channelClass())
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
              .handler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                      channel
                          .pipeline()
                          .addLast(
                              new HttpClientCodec(
                                  MAX_STATUS_LINE, maxHeaderBytes, MAX_CONTENT_SLICE),
                              new NodeConnection(channel, ProcessChannels.this));
                    }
                  })
              .connect(remoteAddress());
      Channel channel = connected.channel();
      channel.closeFuture().addListener(closed -> closed(channel));
      connected.addListener(
          done -> {
            if (done.isSuccess()) {
              promise.complete(channel.pipeline().get(NodeConnection.class));
            } else {
              promise.fail(done.cause());
            }
          });
      return promise.future();
    }

    /** On the channel's loop, once per connection however it ended. */
    private void closed(Channel channel) {
      NodeConnection connection = channel.pipeline().get(NodeConnection.class);
      ArrayDeque<NodeConnection> connections = idle.get(channel.eventLoop());
      if (connection != null && connections != null) {
        connections.remove(connection);
      }
      if (open.decrementAndGet() == 0 && waiters.isEmpty()) {
        // A process that is gone leaves no entry behind; a live one gets a new one on demand.
        processes.remove(address, this);
      }
      wake();
    }

    /** Lets the oldest waiter try again, on its own loop. */
    private void wake() {
      Waiter waiter = waiters.poll();
      if (waiter != null) {
        wake(waiter);
      }
    }

    private void wake(Waiter waiter) {
      waiter.loop().execute(() -> acquire(waiter.context()).onComplete(waiter.promise()));
    }

    private Class<? extends Channel> channelClass() {
      if (!nativeTransport) {
        return NioSocketChannel.class;
      }
      return address.isDomainSocket() ? EpollDomainSocketChannel.class : EpollSocketChannel.class;
    }

    // name clash: Vert.x's SocketAddress names the process; Netty connects to java.net's.
    private java.net.SocketAddress remoteAddress() {
      return address.isDomainSocket()
          ? new DomainSocketAddress(address.path())
          : new InetSocketAddress(address.host(), address.port());
    }
  }
}
