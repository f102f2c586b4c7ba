package dev.paddock.edge.gateway.listen;

import dev.paddock.edge.gateway.tcp.TcpRouteHandler;
import dev.paddock.edge.routes.LiveRoutes;
import dev.paddock.edge.routes.RouteSnapshot;
import dev.paddock.edge.routes.RouteSnapshot.ServedHost;
import dev.paddock.edge.vm.VmLocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The listeners of reverse-proxy hosts that have a port of their own: a TCP route's port, or the reference's
 * one-listener-per-host HTTP hosts. Follows every configuration change: new ports are bound, removed ones closed (open
 * connections finish on their own), a host that switched between TCP and HTTP is rebound. Connections look their route
 * up when they arrive, so a changed target applies to the next connection without rebinding.
 */
@Component
class OwnListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnListeners.class);

    private record Bound(boolean tcp, Channel channel) {}

    private final FrontDoor frontDoor;
    private final Network network;
    private final LiveRoutes routes;
    private final VmLocator vms;
    private final Map<Integer, Bound> bound = new HashMap<>();
    private volatile boolean running;

    OwnListeners(FrontDoor frontDoor, Network network, LiveRoutes routes, VmLocator vms) {
        this.frontDoor = frontDoor;
        this.network = network;
        this.routes = routes;
        this.vms = vms;
    }

    @Override
    public void start() {
        running = true;
        routes.subscribe(this::apply);
    }

    private synchronized void apply(RouteSnapshot snapshot) {
        if (!running) {
            return;
        }
        Map<Integer, ServedHost> wanted = snapshot.listeners();
        bound.entrySet().removeIf(entry -> {
            ServedHost host = wanted.get(entry.getKey());
            boolean keep = host != null
                    && (host.host().tcpRoute() != null) == entry.getValue().tcp();
            if (!keep) {
                entry.getValue().channel().close();
                log.info("Stopped listening on port {}", entry.getKey());
            }
            return !keep;
        });
        wanted.forEach((port, host) -> {
            if (bound.containsKey(port)) {
                return;
            }
            boolean tcp = host.host().tcpRoute() != null;
            try {
                Channel channel = frontDoor.bind(port, pipeline -> {
                    if (tcp) {
                        pipeline.channel().config().setOption(ChannelOption.AUTO_READ, false);
                        pipeline.channel().config().setRecvByteBufAllocator(TcpRouteHandler.BULK_READS);
                        pipeline.channel().config().setWriteBufferWaterMark(TcpRouteHandler.BULK_WATER_MARK);
                        pipeline.addLast(new TcpRouteHandler(
                                port,
                                routes,
                                vms,
                                network.pool(pipeline.channel().eventLoop())));
                    } else {
                        frontDoor.http(pipeline, false, frontDoor.entry(), port);
                    }
                });
                bound.put(port, new Bound(tcp, channel));
                log.info(
                        "Listening on port {} for reverse-proxy host '{}' ({})",
                        port,
                        host.host().name(),
                        tcp ? "TCP" : "HTTP");
            } catch (RuntimeException e) {
                log.error(
                        "Cannot listen on port {} for reverse-proxy host '{}': {}. Free the port or change the host.",
                        port,
                        host.host().name(),
                        e.toString());
            }
        });
    }

    @Override
    public synchronized void stop() {
        running = false;
        bound.values().forEach(listener -> listener.channel().close().syncUninterruptibly());
        bound.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
