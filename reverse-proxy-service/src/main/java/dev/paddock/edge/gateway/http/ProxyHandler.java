package dev.paddock.edge.gateway.http;

import dev.paddock.edge.gateway.Upstream;
import dev.paddock.edge.gateway.UpstreamConnections;
import dev.paddock.edge.gateway.http.Destination.ClientTunnel;
import dev.paddock.edge.gateway.http.Destination.HostRoute;
import dev.paddock.edge.gateway.http.Destination.Refused;
import dev.paddock.edge.gateway.http.Destination.VmAddress;
import dev.paddock.edge.gateway.http.ExchangeLog.Exchange;
import dev.paddock.edge.gateway.http.Relay.Target;
import dev.paddock.edge.gateway.policy.PolicyChain;
import dev.paddock.edge.gateway.policy.PolicyRequest;
import dev.paddock.edge.gateway.policy.Verdict;
import dev.paddock.edge.routes.ProxyHost.HttpRoute;
import dev.paddock.edge.routes.RouteSnapshot;
import dev.paddock.edge.vm.RouteFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the front door (or of a reverse-proxy host's own listener). For each request it applies the
 * listener's policies, asks {@link Routing} where the request goes, applies that route's policies, and hands the
 * rewritten request to the {@link Relay}, which streams it to a pooled connection on the same event loop; the
 * {@link BackendRelay} streams the response back. Answers the edge gives itself (problems, preflights, redirects) are
 * written here.
 */
public final class ProxyHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);
    private static final CompletableFuture<Void> ALLOWED = CompletableFuture.completedFuture(null);

    private final ProxyServices services;
    private final Listener listener;
    private final Relay relay;

    private @Nullable ChannelHandlerContext client;
    private String clientAddress = "";
    private PolicyRequest policyRequest = new PolicyRequest("");
    private PolicyChain chain = PolicyChain.NONE;
    private @Nullable Exchange exchange;
    private @Nullable String routedVm;
    private boolean discardingBody;
    private boolean requestComplete;
    private boolean clientKeepAlive;
    private boolean upgradeRequested;
    private boolean upgraded;

    public ProxyHandler(ProxyServices services, UpstreamConnections upstreams, Listener listener) {
        this.services = services;
        this.listener = listener;
        this.relay = new Relay(this, upstreams);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.client = ctx;
        this.clientAddress =
                ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        this.policyRequest = new PolicyRequest(clientAddress);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        relay.clientReadStarted();
        if (upgraded) {
            relay.forwardUpgraded(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            startExchange(ctx, request);
        }
        if (msg instanceof HttpContent content) {
            forwardBody(content);
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startExchange(ChannelHandlerContext ctx, HttpRequest request) {
        String hostHeader = request.headers().get(HttpHeaderNames.HOST, "");
        exchange = new Exchange(
                request.method().name(), hostHeader, request.uri(), ForwardedRequest.requestIdOf(request.headers()));
        requestComplete = false;
        chain = PolicyChain.NONE;
        routedVm = null;
        if (request.decoderResult().isFailure()) {
            reject(
                    new RouteFailure(
                            400,
                            "malformed-request",
                            "Malformed request",
                            "The request line or headers could not be parsed: "
                                    + request.decoderResult().cause().getMessage()),
                    false);
            return;
        }
        clientKeepAlive = HttpUtil.isKeepAlive(request);
        if (answered(listener.entry().apply(policyRequest.reset(request)))) {
            return;
        }
        RouteSnapshot snapshot = services.routes().current();
        switch (services.routing().resolve(snapshot, listener.ownHostPort(), hostHeader, request.uri())) {
            case HostRoute host -> hostRoute(ctx, request, snapshot, host);
            case VmAddress vm -> vmAddress(ctx, request, vm);
            case ClientTunnel tunnel -> clientTunnel(ctx, request, tunnel);
            case RouteTable.Route api -> {
                // The services' container would refuse it with a bare 400 (VM routes relay whatever the guest takes).
                int malformed = PercentEncoding.firstMalformed(request.uri());
                if (malformed >= 0) {
                    reject(
                            new RouteFailure(
                                    400,
                                    "request-rejected",
                                    "Request rejected",
                                    "The request target holds a malformed percent-encoding at position " + malformed
                                            + ": '%' must be followed by two hex digits; send a literal '%' as %25."),
                            clientKeepAlive);
                    return;
                }
                chain = services.policies().api();
                if (answered(chain.apply(policyRequest))) {
                    return;
                }
                HttpRequest outbound = forwarded(request, api.path());
                outbound.headers().set(HttpHeaderNames.HOST, api.upstream().authority());
                relay.send(ctx, outbound, api.upstream());
            }
            case Refused refused -> reject(refused.failure(), refused.keepAlive() && clientKeepAlive);
        }
    }

    private void hostRoute(ChannelHandlerContext ctx, HttpRequest request, RouteSnapshot snapshot, HostRoute host) {
        String name = host.served().host().name();
        exchange().route = name;
        chain = services.policies().chainOf(snapshot, host.served(), host.route());
        if (host.route() == null) {
            if (!answered(chain.apply(policyRequest))) {
                reject(
                        new RouteFailure(
                                404,
                                "no-route",
                                "No route",
                                "Reverse-proxy host '" + name + "' has no route for " + host.path() + "."),
                        clientKeepAlive);
            }
            return;
        }
        HttpRequest outbound = forwarded(request, request.uri());
        if (answered(chain.apply(policyRequest))) {
            return;
        }
        HttpRoute route = host.route().route();
        CompletableFuture<Void> allowed = policyRequest.accessCheck();
        if (route.targetVmId() != null) {
            viaTunnel(ctx, outbound, allowed == null ? ALLOWED : allowed, route.targetVmId(), route.targetPort());
            return;
        }
        Upstream direct = new Upstream(name, route.targetHost(), route.targetPort());
        if (allowed == null) {
            // Nothing to settle off the event loop: straight on, as for the API.
            relay.send(ctx, outbound, direct);
        } else {
            relay.await(ctx, outbound, allowed.thenApply(ok -> new Target(direct, null)));
        }
    }

    /** {@code <vm>.<vm-domain>} (port 80) or {@code <vm>--<port>.<vm-domain>}: for callers with the configured claim. */
    private void vmAddress(ChannelHandlerContext ctx, HttpRequest request, VmAddress vm) {
        exchange().route = "vm-subdomain";
        HttpRequest outbound = forwarded(request, request.uri());
        services.policies().vmAddressAccess().apply(policyRequest, "VM address " + vm.hostname());
        viaTunnel(ctx, outbound, accessCheck(), vm.vm(), vm.port());
    }

    /**
     * A client's own tunnel to a guest port ({@code paddock vm ssh} uses it as ssh's ProxyCommand): a WebSocket on the
     * edge, checked against the caller's token ({@code EXECUTE_SSH}), forwarded as the agent's tunnel request under the
     * edge's identity. No port is opened anywhere, and the caller needs no right to configure the reverse proxy.
     */
    private void clientTunnel(ChannelHandlerContext ctx, HttpRequest request, ClientTunnel tunnel) {
        String vm = tunnel.vm();
        routedVm = vm;
        exchange().route = "client-tunnel";
        exchange().vm = vm;
        HttpRequest outbound = forwarded(request, request.uri());
        services.policies().clientTunnelAccess().apply(policyRequest, "A tunnel to VM '" + vm + "'");
        CompletableFuture<Target> resolved = accessCheck()
                .thenCompose(ok -> services.vms().locate(vm))
                .thenApply(location -> {
                    Upstream agent = Upstream.of("agent of VM " + location.vmName(), location.agent());
                    outbound.setUri("/api/v1/machines/" + location.vmId() + "/tunnel/" + tunnel.port());
                    outbound.headers().set(HttpHeaderNames.HOST, agent.authority());
                    outbound.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + location.token());
                    return new Target(agent, null);
                });
        relay.await(ctx, outbound, resolved);
    }

    private void viaTunnel(
            ChannelHandlerContext ctx, HttpRequest outbound, CompletableFuture<Void> allowed, String vm, int port) {
        routedVm = vm;
        exchange().vm = vm;
        relay.await(
                ctx,
                outbound,
                allowed.thenCompose(ok -> services.vms().locate(vm))
                        .thenApply(location -> new Target(
                                Upstream.tunnel(location.vmName(), location.vmId(), location.agent(), port),
                                location.token())));
    }

    private CompletableFuture<Void> accessCheck() {
        CompletableFuture<Void> check = policyRequest.accessCheck();
        return check == null ? ALLOWED : check;
    }

    private HttpRequest forwarded(HttpRequest request, String uri) {
        upgradeRequested = ForwardedRequest.rewrite(request, uri, clientAddress, listener, exchange().requestId);
        return request;
    }

    private void forwardBody(HttpContent content) {
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (discardingBody) {
            content.release();
            if (content instanceof LastHttpContent) {
                discardingBody = false;
            }
            return;
        }
        relay.forwardBody(content);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        relay.clientReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        relay.clientWritable(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        boolean underWay = relay.clientClosed();
        if (exchange != null && !exchange.logged && underWay) {
            services.log().finished(exchange, 499);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Client connection failed: {}", cause.toString());
        ctx.close();
    }

    // ---- answers the edge gives itself

    /** Writes a policy's answer; false when the policies let the request through. */
    private boolean answered(Verdict verdict) {
        switch (verdict) {
            case Verdict.Pass pass -> {
                return false;
            }
            case Verdict.Refuse refuse -> reject(refuse.failure(), clientKeepAlive);
            case Verdict.Respond respond -> answer(respond.response(), clientKeepAlive);
        }
        return true;
    }

    /** Answers the client with a problem detail; the rest of the request body, if any, is read and dropped. */
    void reject(RouteFailure failure, boolean keepAlive) {
        if (client == null) {
            return;
        }
        relay.abandon();
        Exchange current = exchange();
        FullHttpResponse response = GatewayProblems.problem(failure, current.requestId);
        current.bytes = HttpUtil.getContentLength(response, 0L);
        answer(response, keepAlive);
    }

    private void answer(FullHttpResponse response, boolean keepAlive) {
        ChannelHandlerContext ctx = client;
        if (ctx == null) {
            response.release();
            return;
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        discardingBody = !requestComplete;
        services.log().finished(exchange(), response.status().code());
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    // ---- what the relays ask of the exchange in progress

    @Nullable ChannelHandlerContext context() {
        return client;
    }

    String requestId() {
        return exchange().requestId;
    }

    boolean keepAlive() {
        return clientKeepAlive;
    }

    boolean upgradeRequested() {
        return upgradeRequested;
    }

    boolean upgraded() {
        return upgraded;
    }

    /** The upstream accepted the upgrade: from here on the connection is a byte pipe. */
    void upgrade() {
        upgraded = true;
        finished(101);
    }

    /** The route's policies complete the response's headers. */
    void decorate(HttpHeaders response) {
        chain.onResponse(policyRequest, response);
    }

    void finished(int status) {
        if (exchange != null) {
            services.log().finished(exchange, status);
        }
    }

    void forgetRoutedVm() {
        if (routedVm != null) {
            services.vms().forget(routedVm);
        }
    }

    void countBytes(Object msg) {
        if (exchange != null) {
            if (msg instanceof ByteBufHolder holder) {
                exchange.bytes += holder.content().readableBytes();
            } else if (msg instanceof ByteBuf bytes) {
                exchange.bytes += bytes.readableBytes();
            }
        }
    }

    private Exchange exchange() {
        Exchange current = exchange;
        if (current == null) {
            throw new IllegalStateException("no exchange in progress");
        }
        return current;
    }
}
