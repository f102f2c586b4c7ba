package dev.paddock.edge.gateway.listen;

import dev.paddock.edge.EdgeProperties;
import dev.paddock.edge.access.RouteAccess;
import dev.paddock.edge.gateway.Upstream;
import dev.paddock.edge.gateway.http.ExchangeLog;
import dev.paddock.edge.gateway.http.Listener;
import dev.paddock.edge.gateway.http.ProxyHandler;
import dev.paddock.edge.gateway.http.ProxyServices;
import dev.paddock.edge.gateway.http.RouteTable;
import dev.paddock.edge.gateway.http.Routing;
import dev.paddock.edge.gateway.policy.PolicyChain;
import dev.paddock.edge.gateway.policy.RateLimiter;
import dev.paddock.edge.gateway.policy.RoutePolicies;
import dev.paddock.edge.routes.LiveRoutes;
import dev.paddock.edge.routes.ProxyHost.Cors;
import dev.paddock.edge.routes.ReservedPorts;
import dev.paddock.edge.vm.VmLocator;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The public listeners: plain HTTP on {@code paddock.edge.port} and, with TLS, HTTPS on {@code paddock.edge.tls.port}
 * (or HTTPS only, or HTTP answering with redirects). They run beside the edge's own Spring MVC server (which serves
 * only the edge's management API and actuator on an internal port) and forward to it like to any other upstream.
 */
@Component
public class FrontDoor implements SmartLifecycle, ReservedPorts {

    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);

    private final EdgeProperties properties;
    private final WebServerApplicationContext context;
    private final Network network;
    private final LiveRoutes routes;
    private final VmLocator vms;
    private final RouteAccess access;
    private final MeterRegistry registry;
    private final List<Channel> bound = new ArrayList<>();

    private @Nullable ProxyServices services;
    /** What every request meets first on listeners that do not redirect: the rate limit, when one is set. */
    private PolicyChain entry = PolicyChain.NONE;

    private @Nullable TlsCertificates certificates;
    private volatile int plainPort = -1;
    private volatile int tlsPort = -1;

    FrontDoor(
            EdgeProperties properties,
            WebServerApplicationContext context,
            Network network,
            LiveRoutes routes,
            VmLocator vms,
            RouteAccess access,
            MeterRegistry registry) {
        this.properties = properties;
        this.context = context;
        this.network = network;
        this.routes = routes;
        this.vms = vms;
        this.access = access;
        this.registry = registry;
    }

    private static Cors apiCors(EdgeProperties.ApiCors settings) {
        return new Cors(
                !settings.allowedOrigins().isEmpty(),
                settings.allowedOrigins(),
                settings.allowedMethods(),
                settings.allowedHeaders());
    }

    @Override
    public void start() {
        int adminPort = context.getWebServer().getPort();
        RouteTable api = new RouteTable(
                Upstream.of("orchestrator", properties.upstreams().orchestrator()),
                Upstream.of("catalog", properties.upstreams().catalog()),
                new Upstream("edge", "127.0.0.1", adminPort));
        services = new ProxyServices(
                new Routing(api, properties.vmDomain()),
                routes,
                vms,
                new RoutePolicies(access, properties.vmSubdomainClaim(), apiCors(properties.apiCors())),
                new ExchangeLog(registry));
        EdgeProperties.Tls tls = properties.tls();
        EdgeProperties.RateLimit limit = properties.rateLimit();
        RateLimiter limiter =
                limit.requestsPerSecond() > 0 ? new RateLimiter(limit.requestsPerSecond(), limit.burst()) : null;
        entry = RoutePolicies.entry(limiter, null);
        if (tls.enabled()) {
            certificates = new TlsCertificates(tls);
            TlsCertificates certs = certificates;
            tlsPort = port(track(bind(tls.port(), pipeline -> {
                pipeline.addLast(certs.current().newHandler(pipeline.channel().alloc()));
                http(pipeline, true, entry, null);
            })));
        }
        if (!tls.enabled() || !tls.httpsOnly()) {
            PolicyChain plainEntry =
                    tls.enabled() && tls.redirectHttp() ? RoutePolicies.entry(limiter, tlsPort) : entry;
            plainPort = port(track(bind(properties.port(), pipeline -> http(pipeline, false, plainEntry, null))));
        }
        log.info(
                "Front door listening on {} port {}{} ({}, {} event loops); edge API on port {}",
                properties.bindAddress(),
                plainPort < 0 ? "-" : plainPort,
                tlsPort < 0 ? "" : ", HTTPS on " + tlsPort,
                network.epoll() ? "epoll" : "nio",
                network.threads(),
                adminPort);
    }

    /** Binds a listener whose connections get the pipeline {@code setup} builds (the caller closes it). */
    Channel bind(int port, Consumer<ChannelPipeline> setup) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(network.group())
                .channel(network.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        setup.accept(channel.pipeline());
                    }
                });
        try {
            return bootstrap
                    .bind(new InetSocketAddress(properties.bindAddress(), port))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding port " + port, e);
        }
    }

    /**
     * The HTTP proxy pipeline: idle protection, the codec with its size limits, the proxy handler.
     *
     * @param entry the policies every request on the listener meets first, built once per listener
     */
    void http(ChannelPipeline pipeline, boolean tls, PolicyChain entry, @Nullable Integer ownHostPort) {
        Channel channel = pipeline.channel();
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        pipeline.addLast(new IdleStateHandler(0, 0, properties.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new CloseIdleClients())
                .addLast(new HttpServerCodec(8192, properties.maxHeaderSize(), 65536))
                .addLast(new ProxyHandler(
                        requireServices(),
                        network.pool(channel.eventLoop()),
                        new Listener(port, tls, entry, ownHostPort)));
    }

    /** The policies every request on a listener that does not redirect meets first. */
    PolicyChain entry() {
        return entry;
    }

    private ProxyServices requireServices() {
        ProxyServices current = services;
        if (current == null) {
            throw new IllegalStateException("the front door has not started");
        }
        return current;
    }

    /** The bound plain-HTTP port (differs from the configured one when that was 0); -1 in HTTPS-only mode. */
    public int listenerPort() {
        return plainPort;
    }

    /** The bound HTTPS port, -1 without TLS. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Loads a renewed certificate now instead of at the next check (tests, or a SIGHUP-like admin action). */
    public boolean reloadCertificate() {
        return certificates != null && certificates.reloadIfChanged();
    }

    @Override
    public int frontDoor() {
        return plainPort >= 0 ? plainPort : tlsPort;
    }

    @Override
    public boolean isReserved(int port) {
        return port == plainPort
                || port == tlsPort
                || port == properties.port()
                || port == properties.tls().port()
                || port == context.getWebServer().getPort();
    }

    @Override
    public String bindAddress() {
        return properties.bindAddress();
    }

    @Override
    public String vmDomain() {
        return properties.vmDomain();
    }

    private Channel track(Channel channel) {
        synchronized (bound) {
            bound.add(channel);
        }
        return channel;
    }

    private static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void stop() {
        synchronized (bound) {
            bound.forEach(channel -> channel.close().syncUninterruptibly());
            bound.clear();
        }
        if (certificates != null) {
            certificates.close();
            certificates = null;
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (bound) {
            return !bound.isEmpty();
        }
    }

    /** Before the route configuration, which needs the front door's port, and the hosts' own listeners. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 200;
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
