package dev.paddock.edge.gateway;

import dev.paddock.edge.gateway.tunnel.TunnelHandshake;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keep-alive connections to upstreams, pooled per event loop: a client connection and the upstream connections that
 * serve it live on the same thread, so forwarding never hops threads and the pool needs no locks (every method runs on
 * the event loop that owns the pool). A pooled connection idle for {@code idleTimeout} is closed; one in use that hears
 * nothing for {@code responseTimeout} is reported by a reader-idle event to the handler using it. Tunnels to VMs are
 * pooled like any upstream: an idle tunnel is an idle keep-alive connection to the guest's HTTP server.
 */
public final class UpstreamConnections {

    /** The name of the HTTP codec in a pooled connection's pipeline (removed when a WebSocket upgrade completes). */
    public static final String CODEC = "codec";

    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration responseTimeout;
    private final Map<Upstream, Deque<Channel>> idle = new HashMap<>();

    public UpstreamConnections(
            EventLoop loop,
            Class<? extends Channel> channelType,
            Duration connectTimeout,
            Duration idleTimeout,
            Duration responseTimeout) {
        this.loop = loop;
        this.channelType = channelType;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.responseTimeout = responseTimeout;
    }

    /**
     * An idle pooled HTTP connection if one is alive, otherwise a new one (completing later).
     *
     * @param token the edge's token, for tunnels
     */
    public Future<Channel> acquire(Upstream upstream, @Nullable String token, String requestId) {
        Deque<Channel> channels = idle.get(upstream);
        while (channels != null && !channels.isEmpty()) {
            Channel channel = channels.pollFirst();
            if (channel.isActive()) {
                return loop.newSucceededFuture(channel);
            }
        }
        Promise<Channel> ready = loop.newPromise();
        ChannelFuture connecting = connect(
                upstream,
                token,
                requestId,
                ready,
                pipeline -> pipeline.addLast(new IdleStateHandler(
                                responseTimeout.toMillis(), 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                        .addLast(CODEC, new HttpClientCodec(4096, 65536, 65536))
                        .addLast(new CloseWhenPooledAndIdle(upstream)));
        connecting.channel().closeFuture().addListener(closed -> {
            Deque<Channel> pooled = idle.get(upstream);
            if (pooled != null) {
                pooled.remove(connecting.channel());
            }
        });
        return ready;
    }

    /** A new, unpooled byte pipe to the upstream (TCP routes). */
    public Future<Channel> openPipe(Upstream upstream, @Nullable String token, String requestId) {
        Promise<Channel> ready = loop.newPromise();
        connect(upstream, token, requestId, ready, pipeline -> {});
        return ready;
    }

    /**
     * Connects; a tunnel first completes its handshake in front of whatever {@code layers} add, so they see the guest's
     * bytes.
     */
    private ChannelFuture connect(
            Upstream upstream,
            @Nullable String token,
            String requestId,
            Promise<Channel> ready,
            java.util.function.Consumer<ChannelPipeline> layers) {
        ChannelFuture connecting = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (upstream.isTunnel()) {
                            channel.pipeline()
                                    .addLast(
                                            "handshake",
                                            new TunnelHandshake(
                                                    upstream.authority(),
                                                    upstream.tunnelPath(),
                                                    token == null ? "" : token,
                                                    requestId,
                                                    upstream.name(),
                                                    ready));
                        }
                        layers.accept(channel.pipeline());
                    }
                })
                .connect(upstream.host(), upstream.port());
        connecting.addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                ready.tryFailure(connected.cause());
            } else if (!upstream.isTunnel()) {
                ready.trySuccess(connected.channel());
            }
        });
        return connecting;
    }

    /** Returns a connection whose exchange completed cleanly and may be reused. */
    public void release(Upstream upstream, Channel channel) {
        if (channel.isActive()) {
            idle.computeIfAbsent(upstream, u -> new ArrayDeque<>()).addFirst(channel);
        }
    }

    private final class CloseWhenPooledAndIdle extends ChannelDuplexHandler {

        private final Upstream upstream;

        CloseWhenPooledAndIdle(Upstream upstream) {
            this.upstream = upstream;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent idleEvent && idleEvent.state() == IdleState.ALL_IDLE) {
                Deque<Channel> pooled = idle.get(upstream);
                if (pooled != null && pooled.contains(ctx.channel())) {
                    ctx.close();
                    return;
                }
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
