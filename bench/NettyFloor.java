import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The floor under a JVM proxy on this machine: a bare Netty HTTP/1.1 proxy from a TCP port to
 * node processes on unix sockets, with nothing the sidecar does besides (no Vert.x, no admission,
 * no site, headers passed as decoded, no error handling). bench/run.sh runs it as the "netty"
 * target, on the sidecar jar's Netty, to tell the JVM's and Netty's share of the sidecar's cost
 * per request from webgarden's and Vert.x's. Not a product: a failure closes the connection.
 *
 * <p>Usage: {@code java -cp webgarden-sidecar.jar NettyFloor.java <port> <socket>...}
 */
public final class NettyFloor {
  private final DomainSocketAddress[] backends;

  /** Idle node connections per event loop and backend: a client and its node share a loop. */
  private final Map<EventLoop, ArrayDeque<Channel>[]> idle = new HashMap<>();

  private NettyFloor(DomainSocketAddress[] backends) {
    this.backends = backends;
  }

  public static void main(String[] args) throws InterruptedException {
    DomainSocketAddress[] backends = new DomainSocketAddress[args.length - 1];
    for (int i = 1; i < args.length; i++) {
      backends[i - 1] = new DomainSocketAddress(args[i]);
    }
    new NettyFloor(backends).serve(Integer.parseInt(args[0]));
  }

  private void serve(int port) throws InterruptedException {
    MultiThreadIoEventLoopGroup loops =
        new MultiThreadIoEventLoopGroup(
            Runtime.getRuntime().availableProcessors(), EpollIoHandler.newFactory());
    for (var loop : loops) {
      @SuppressWarnings("unchecked")
      ArrayDeque<Channel>[] perBackend = new ArrayDeque[backends.length];
      for (int i = 0; i < perBackend.length; i++) {
        perBackend[i] = new ArrayDeque<>();
      }
      idle.put((EventLoop) loop, perBackend);
    }
    new ServerBootstrap()
        .group(loops)
        .channel(EpollServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new HttpServerCodec(), new Front());
              }
            })
        .bind(new InetSocketAddress("127.0.0.1", port))
        .sync()
        .channel()
        .closeFuture()
        .sync();
  }

  /** A client connection: each request goes to the next backend, round-robin per connection. */
  private final class Front extends ChannelInboundHandlerAdapter {
    private int next;

    /** The node connection of the request in flight; not done while a new one connects. */
    private ChannelFuture node;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        node = acquire(ctx.channel(), next++ % backends.length);
      }
      ChannelFuture target = node;
      boolean last = msg instanceof LastHttpContent;
      if (target.isSuccess()) {
        forward(target.channel(), msg, last);
      } else {
        target.addListener(connected -> forward(target.channel(), msg, last));
      }
    }

    private void forward(Channel channel, Object msg, boolean last) {
      if (last) {
        channel.writeAndFlush(msg);
      } else {
        channel.write(msg);
      }
    }

    private ChannelFuture acquire(Channel client, int index) {
      EventLoop loop = client.eventLoop();
      ArrayDeque<Channel> pool = idle.get(loop)[index];
      Channel channel = pool.pollFirst();
      while (channel != null && !channel.isActive()) {
        channel = pool.pollFirst();
      }
      ChannelFuture ready;
      if (channel == null) {
        ready =
            new Bootstrap()
                .group(loop)
                .channel(EpollDomainSocketChannel.class)
                .handler(
                    new ChannelInitializer<Channel>() {
                      @Override
                      protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new Back());
                      }
                    })
                .connect(backends[index]);
        channel = ready.channel();
      } else {
        ready = channel.newSucceededFuture();
      }
      channel.pipeline().get(Back.class).serving(client, pool);
      return ready;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** A node connection: the response goes to the client it serves, then back to the pool. */
  private static final class Back extends ChannelInboundHandlerAdapter {
    private Channel client;
    private ArrayDeque<Channel> pool;

    void serving(Channel client, ArrayDeque<Channel> pool) {
      this.client = client;
      this.pool = pool;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof HttpObject) || client == null) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof HttpResponse || msg instanceof HttpContent) {
        client.write(msg);
      }
      if (msg instanceof LastHttpContent) {
        client.flush();
        client = null;
        pool.addFirst(ctx.channel());
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (client != null) {
        client.flush();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (client != null) {
        client.close();
      }
      ctx.close();
    }
  }
}
