package dev.paddock.edge.gateway.listen;

import dev.paddock.edge.EdgeProperties;
import dev.paddock.edge.gateway.UpstreamConnections;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The edge's Netty resources, shared by the front door and the reverse-proxy hosts' own listeners: the event loops
 * (native epoll where available, NIO elsewhere) and one upstream connection pool per loop.
 */
@Component
class Network {

    private final EdgeProperties properties;
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group;
    private final Map<EventLoop, UpstreamConnections> pools = new ConcurrentHashMap<>();

    Network(EdgeProperties properties) {
        this.properties = properties;
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(threads(), io);
    }

    int threads() {
        return properties.ioThreads() > 0
                ? properties.ioThreads()
                : Runtime.getRuntime().availableProcessors();
    }

    boolean epoll() {
        return epoll;
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The pool of the event loop a client connection lives on. */
    UpstreamConnections pool(EventLoop loop) {
        return pools.computeIfAbsent(
                loop,
                key -> new UpstreamConnections(
                        key,
                        epoll ? EpollSocketChannel.class : NioSocketChannel.class,
                        properties.connectTimeout(),
                        properties.idleTimeout(),
                        properties.responseTimeout()));
    }

    Class<? extends Channel> clientChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @PreDestroy
    void shutdown() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
