package dev.paddock.edge.gateway;

import dev.paddock.edge.EdgeProperties;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The public listener. Runs beside the edge's own Spring MVC server (which serves only the edge's management API and
 * actuator on an internal port) and forwards to it like to any other upstream. Native epoll where available.
 */
@Component
public class FrontDoor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);

    private final EdgeProperties properties;
    private final WebServerApplicationContext context;
    private final Map<EventLoop, UpstreamConnections> pools = new ConcurrentHashMap<>();

    private @Nullable EventLoopGroup group;
    private @Nullable Channel listener;

    FrontDoor(EdgeProperties properties, WebServerApplicationContext context) {
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void start() {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends Channel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        int threads = properties.ioThreads() > 0
                ? properties.ioThreads()
                : Runtime.getRuntime().availableProcessors();
        group = new MultiThreadIoEventLoopGroup(threads, io);
        int adminPort = context.getWebServer().getPort();
        RouteTable routes = new RouteTable(
                Upstream.of("orchestrator", properties.upstreams().orchestrator()),
                Upstream.of("catalog", properties.upstreams().catalog()),
                new Upstream("edge", "127.0.0.1", adminPort));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(serverType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        UpstreamConnections pool = pools.computeIfAbsent(
                                channel.eventLoop(),
                                loop -> new UpstreamConnections(
                                        loop,
                                        clientType,
                                        properties.connectTimeout(),
                                        properties.idleTimeout(),
                                        properties.responseTimeout()));
                        channel.pipeline()
                                .addLast(new IdleStateHandler(
                                        0, 0, properties.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(new CloseIdleClients())
                                .addLast(new HttpServerCodec(8192, properties.maxHeaderSize(), 65536))
                                .addLast(new ProxyHandler(routes, pool, listenerPort()));
                    }
                });
        try {
            listener = bootstrap
                    .bind(new InetSocketAddress(properties.bindAddress(), properties.port()))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the front door", e);
        }
        log.info(
                "Front door listening on {}:{} ({}, {} event loops); edge API on port {}",
                properties.bindAddress(),
                listenerPort(),
                epoll ? "epoll" : "nio",
                threads,
                adminPort);
    }

    /** The bound port (differs from the configured one when that was 0). */
    public int listenerPort() {
        return listener == null ? properties.port() : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void stop() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    /** Closes a client connection that sent and received nothing for the idle timeout (slow or abandoned clients). */
    private static final class CloseIdleClients extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
