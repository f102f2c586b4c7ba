package dev.paddock.edge.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to upstreams, pooled per event loop: a client connection and the upstream connections that
 * serve it live on the same thread, so forwarding never hops threads and the pool needs no locks (every method runs on
 * the event loop that owns the pool). A pooled connection idle for {@code idleTimeout} is closed; one in use that hears
 * nothing for {@code responseTimeout} is reported by a reader-idle event to the handler using it.
 */
final class UpstreamConnections {

    static final String CODEC = "codec";

    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration responseTimeout;
    private final Map<Upstream, Deque<Channel>> idle = new HashMap<>();

    UpstreamConnections(
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

    /** An idle pooled connection if one is alive, otherwise a new connection (completing later). */
    ChannelFuture acquire(Upstream upstream) {
        Deque<Channel> channels = idle.get(upstream);
        while (channels != null && !channels.isEmpty()) {
            Channel channel = channels.pollFirst();
            if (channel.isActive()) {
                return channel.newSucceededFuture();
            }
        }
        ChannelFuture connecting = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(new IdleStateHandler(
                                        responseTimeout.toMillis(), 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(CODEC, new HttpClientCodec(4096, 65536, 65536))
                                .addLast(new CloseWhenPooledAndIdle(upstream));
                    }
                })
                .connect(upstream.host(), upstream.port());
        connecting.channel().closeFuture().addListener(closed -> {
            Deque<Channel> pooled = idle.get(upstream);
            if (pooled != null) {
                pooled.remove(connecting.channel());
            }
        });
        return connecting;
    }

    /** Returns a connection whose exchange completed cleanly and may be reused. */
    void release(Upstream upstream, Channel channel) {
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
