package dev.paddock.edge.gateway;

import dev.paddock.common.security.Claims;
import dev.paddock.edge.access.RouteAccess;
import dev.paddock.edge.access.RouteAccess.Credentials;
import dev.paddock.edge.gateway.ExchangeLog.Exchange;
import dev.paddock.edge.gateway.RouteTable.Route;
import dev.paddock.edge.routes.ProxyHost.Access;
import dev.paddock.edge.routes.ProxyHost.Cors;
import dev.paddock.edge.routes.ProxyHost.HttpRoute;
import dev.paddock.edge.routes.RouteSnapshot;
import dev.paddock.edge.routes.RouteSnapshot.CompiledRoute;
import dev.paddock.edge.routes.RouteSnapshot.ServedHost;
import dev.paddock.edge.vm.RouteFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the front door (or of a reverse-proxy host's own listener). For each request it decides
 * where it goes — a reverse-proxy host chosen by hostname or listener, an automatic {@code <vm>.<vm-domain>} name, or
 * the API by path — checks the route's access, finds the VM if the route names one, borrows a pooled connection (a
 * tunnel through the VM's agent, or a plain upstream) on the same event loop, and streams the request and response
 * through without buffering whole bodies, pausing reads on whichever side the other cannot keep up with. A WebSocket
 * upgrade turns the pair into a byte pipe.
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern VM_LABEL = Pattern.compile("(.+?)(?:--(\\d{1,5}))?");
    private static final Pattern CLIENT_TUNNEL =
            Pattern.compile("/api(?:/v1)?/orchestrator/machines/([^/]+)/tunnel/(\\d{1,5})");
    private static final List<CharSequence> HOP_BY_HOP = List.of(
            HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER,
            HttpHeaderNames.UPGRADE,
            "proxy-connection");

    private final ProxyServices services;
    private final UpstreamConnections upstreams;
    private final Listener listener;

    private @Nullable ChannelHandlerContext client;
    private String clientAddress = "";
    private @Nullable Channel backend;
    private @Nullable Upstream upstream;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private boolean discardingBody;
    private boolean requestComplete;
    /** True while the client's reads are being handled: writes to the upstream are flushed once, when they end. */
    private boolean inClientRead;

    private boolean clientKeepAlive;
    private boolean upgradeRequested;
    private boolean upgraded;
    private @Nullable Exchange exchange;
    private Map<String, String> responseHeaders = Map.of();
    private @Nullable String allowedOrigin;
    private @Nullable String routedVm;

    ProxyHandler(ProxyServices services, UpstreamConnections upstreams, Listener listener) {
        this.services = services;
        this.upstreams = upstreams;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.client = ctx;
        this.clientAddress =
                ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inClientRead = true;
        if (upgraded) {
            if (backend != null) {
                backend.writeAndFlush(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
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

    // ---- choosing where a request goes

    private void startExchange(ChannelHandlerContext ctx, HttpRequest request) {
        String hostHeader = request.headers().get(HttpHeaderNames.HOST, "");
        Exchange current =
                new Exchange(request.method().name(), hostHeader, request.uri(), requestIdOf(request.headers()));
        exchange = current;
        requestComplete = false;
        responseHeaders = Map.of();
        allowedOrigin = null;
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
        if (services.limiter() != null && !services.limiter().tryAcquire(clientAddress)) {
            reject(
                    new RouteFailure(
                            429,
                            "rate-limited",
                            "Too many requests",
                            "This client sent more requests than the edge allows per second; slow down and retry."),
                    clientKeepAlive);
            return;
        }
        if (listener.httpsRedirectPort() != null) {
            redirectToHttps(ctx, request, hostHeader);
            return;
        }
        String hostname = hostnameOf(hostHeader);
        RouteSnapshot snapshot = services.routes().current();
        ServedHost served = listener.ownHostPort() != null
                ? snapshot.listeners().get(listener.ownHostPort())
                : snapshot.byHostname(hostname);
        if (served != null) {
            proxyHostRoute(ctx, request, served);
            return;
        }
        if (listener.ownHostPort() != null) {
            reject(
                    new RouteFailure(
                            503,
                            "route-removed",
                            "Route removed",
                            "Nothing is configured on port " + listener.ownHostPort() + " any more."),
                    false);
            return;
        }
        if (hostname.endsWith(services.vmDomain())) {
            vmSubdomainRoute(ctx, request, hostname);
            return;
        }
        var tunnel = CLIENT_TUNNEL.matcher(pathOf(request.uri()));
        if (tunnel.matches()) {
            clientTunnel(ctx, request, tunnel.group(1), Integer.parseInt(tunnel.group(2)));
            return;
        }
        Route route = services.api().resolve(request.uri());
        if (route == null) {
            reject(
                    new RouteFailure(
                            404,
                            "not-found",
                            "Not found",
                            "No route for " + request.uri() + "; the API lives under /api/v1/."),
                    clientKeepAlive);
            return;
        }
        HttpRequest outbound = outbound(request, route.path(), false);
        outbound.headers().set(HttpHeaderNames.HOST, route.upstream().authority());
        send(ctx, outbound, route.upstream(), null);
    }

    private void proxyHostRoute(ChannelHandlerContext ctx, HttpRequest request, ServedHost served) {
        Exchange current = exchange();
        current.route = served.host().name();
        Cors cors = served.host().cors();
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (cors.enabled() && origin != null) {
            boolean allowed = cors.allowedOrigins().isEmpty()
                    || cors.allowedOrigins().contains("*")
                    || cors.allowedOrigins().contains(origin);
            if (request.method().equals(HttpMethod.OPTIONS)
                    && request.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
                answerPreflight(ctx, cors, allowed ? origin : null);
                return;
            }
            allowedOrigin = allowed ? origin : null;
        }
        String path = pathOf(request.uri());
        CompiledRoute compiled = served.match(path);
        if (compiled == null) {
            reject(
                    new RouteFailure(
                            404,
                            "no-route",
                            "No route",
                            "Reverse-proxy host '" + served.host().name() + "' has no route for " + path + "."),
                    clientKeepAlive);
            return;
        }
        HttpRoute route = compiled.route();
        responseHeaders = route.responseHeaders();
        Credentials credentials = credentialsOf(request.headers());
        HttpRequest outbound =
                outbound(request, request.uri(), !served.host().access().isPublic());
        route.requestHeaders().forEach(outbound.headers()::set);
        String what = "Route '" + served.host().name() + "'";
        if (route.targetVmId() != null) {
            viaTunnel(ctx, credentials, outbound, served.host().access(), what, route.targetVmId(), route.targetPort());
        } else {
            Upstream direct = new Upstream(served.host().name(), route.targetHost(), route.targetPort());
            if (served.host().access().isPublic()) {
                // Nothing to settle off the event loop: straight on, as for the API.
                send(ctx, outbound, direct, null);
                return;
            }
            CompletableFuture<Void> allowed =
                    services.access().check(served.host().access(), credentials, what);
            await(ctx, outbound, allowed.thenApply(ok -> new Resolved(direct, null)));
        }
    }

    /** {@code <vm>.<vm-domain>} (port 80) or {@code <vm>--<port>.<vm-domain>}: for callers with the configured claim. */
    private void vmSubdomainRoute(ChannelHandlerContext ctx, HttpRequest request, String hostname) {
        String label =
                hostname.substring(0, hostname.length() - services.vmDomain().length());
        var parts = VM_LABEL.matcher(label);
        if (label.isEmpty() || label.contains(".") || !parts.matches()) {
            reject(
                    new RouteFailure(
                            404,
                            "not-found",
                            "Not found",
                            "'" + hostname + "' names no VM; use <vm name or id>" + services.vmDomain() + "."),
                    clientKeepAlive);
            return;
        }
        int port = parts.group(2) == null ? 80 : Integer.parseInt(parts.group(2));
        exchange().route = "vm-subdomain";
        Access access = new Access(Access.AUTHENTICATED, List.of(services.vmSubdomainClaim()));
        Credentials credentials = credentialsOf(request.headers());
        HttpRequest outbound = outbound(request, request.uri(), true);
        viaTunnel(ctx, credentials, outbound, access, "VM address " + hostname, parts.group(1), port);
    }

    /**
     * A client's own tunnel to a guest port ({@code paddock vm ssh} uses it as ssh's ProxyCommand): a WebSocket on the
     * edge, checked against the caller's token ({@code EXECUTE_SSH}), forwarded as the agent's tunnel request under the
     * edge's identity. No port is opened anywhere, and the caller needs no right to configure the reverse proxy.
     */
    private void clientTunnel(ChannelHandlerContext ctx, HttpRequest request, String vm, int guestPort) {
        routedVm = vm;
        exchange().route = "client-tunnel";
        exchange().vm = vm;
        Credentials credentials = credentialsOf(request.headers());
        HttpRequest outbound = outbound(request, request.uri(), true);
        Access access = new Access(Access.AUTHENTICATED, List.of(Claims.EXECUTE_SSH));
        CompletableFuture<Resolved> resolved = services.access()
                .check(access, credentials, "A tunnel to VM '" + vm + "'")
                .thenCompose(ok -> services.vms().locate(vm))
                .thenApply(location -> {
                    Upstream agent = Upstream.of("agent of VM " + location.vmName(), location.agent());
                    outbound.setUri("/api/v1/machines/" + location.vmId() + "/tunnel/" + guestPort);
                    outbound.headers().set(HttpHeaderNames.HOST, agent.authority());
                    outbound.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + location.token());
                    return new Resolved(agent, null);
                });
        await(ctx, outbound, resolved);
    }

    private void viaTunnel(
            ChannelHandlerContext ctx,
            Credentials credentials,
            HttpRequest outbound,
            Access access,
            String what,
            String vm,
            int guestPort) {
        routedVm = vm;
        exchange().vm = vm;
        CompletableFuture<Resolved> resolved = services.access()
                .check(access, credentials, what)
                .thenCompose(ok -> services.vms().locate(vm))
                .thenApply(location -> new Resolved(
                        Upstream.tunnel(location.vmName(), location.vmId(), location.agent(), guestPort),
                        location.token()));
        await(ctx, outbound, resolved);
    }

    private record Resolved(Upstream upstream, @Nullable String token) {}

    /** Holds the request (and reads) until access and target are settled off the event loop, then sends it. */
    private void await(ChannelHandlerContext ctx, HttpRequest outbound, CompletableFuture<Resolved> resolved) {
        ctx.channel().config().setAutoRead(false);
        pending.add(outbound);
        upstream = PENDING;
        resolved.whenComplete((target, error) -> ctx.executor().execute(() -> {
            if (!ctx.channel().isActive()) {
                dropPending();
                return;
            }
            if (error != null) {
                dropPending();
                reject(failureOf(error), clientKeepAlive);
                ctx.channel().config().setAutoRead(true);
                return;
            }
            upstream = target.upstream();
            connect(ctx, target.upstream(), target.token());
        }));
    }

    /** Stand-in upstream while a request waits for its target: body parts read meanwhile are queued, not dropped. */
    private static final Upstream PENDING = new Upstream("pending", "", 0);

    private void send(ChannelHandlerContext ctx, HttpRequest outbound, Upstream target, @Nullable String token) {
        pending.add(outbound);
        upstream = target;
        connect(ctx, target, token);
    }

    /**
     * Sends what is pending over a connection to the target. A pooled connection is used at once; while a new one
     * opens, the client's reads pause (toggling reads costs system calls, so only then).
     */
    private void connect(ChannelHandlerContext ctx, Upstream target, @Nullable String token) {
        Future<Channel> acquired = upstreams.acquire(target, token, exchange().requestId);
        if (acquired.isDone()) {
            onConnected(ctx, target, acquired);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        acquired.addListener((Future<Channel> connected) -> onConnected(ctx, target, connected));
    }

    private void onConnected(ChannelHandlerContext ctx, Upstream target, Future<Channel> connected) {
        if (!ctx.channel().isActive()) {
            if (connected.isSuccess()) {
                connected.getNow().close();
            }
            dropPending();
            return;
        }
        if (!connected.isSuccess()) {
            dropPending();
            Throwable cause = connected.cause();
            if (cause instanceof RouteFailure failure) {
                if (routedVm != null) {
                    services.vms().forget(routedVm);
                }
                reject(failure, clientKeepAlive);
            } else {
                log.warn("Cannot reach {} at {}: {}", target.name(), target.authority(), cause.toString());
                reject(
                        new RouteFailure(
                                502,
                                "upstream-unreachable",
                                "Service unreachable",
                                "The " + target.name() + " service at " + target.authority()
                                        + " cannot be reached; try again shortly."),
                        clientKeepAlive);
            }
            if (!ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            return;
        }
        backend = connected.getNow();
        backend.pipeline().addLast("relay", new BackendRelay());
        while (!pending.isEmpty()) {
            backend.write(pending.poll());
        }
        if (!inClientRead) {
            backend.flush();
        }
        if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    // ---- requests

    /**
     * The request as forwarded: same method and target, hop-by-hop headers dropped, forwarding headers set. When the
     * edge itself checked the caller, the caller's Paddock credentials are removed: a VM never sees a token.
     */
    private HttpRequest outbound(HttpRequest request, String uri, boolean stripCredentials) {
        // The decoded request is rewritten in place: copying every header of every request costs more than it buys.
        HttpHeaders outgoing = request.headers();
        upgradeRequested = outgoing.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && outgoing.contains(HttpHeaderNames.UPGRADE);
        String upgrade = outgoing.get(HttpHeaderNames.UPGRADE);
        String forwardedFor = outgoing.get("X-Forwarded-For");
        String host = outgoing.get(HttpHeaderNames.HOST, "");
        String cookies = outgoing.get(HttpHeaderNames.COOKIE);
        request.setUri(uri);
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        HOP_BY_HOP.forEach(outgoing::remove);
        if (upgradeRequested && upgrade != null) {
            outgoing.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            outgoing.set(HttpHeaderNames.UPGRADE, upgrade);
        }
        outgoing.set("X-Forwarded-For", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        outgoing.set("X-Forwarded-Proto", listener.tls() ? "https" : "http");
        if (!host.isEmpty()) {
            outgoing.set("X-Forwarded-Host", host);
        }
        outgoing.set("X-Forwarded-Port", listener.port());
        outgoing.set("X-Request-Id", exchange().requestId);
        if (stripCredentials) {
            outgoing.remove(HttpHeaderNames.AUTHORIZATION);
            outgoing.remove("X-Api-Key");
            if (cookies != null) {
                String kept = ServerCookieDecoder.LAX.decode(cookies).stream()
                        .filter(cookie -> !cookie.name().equals(RouteAccess.TOKEN_COOKIE))
                        .map(cookie -> cookie.name() + "=" + cookie.value())
                        .collect(Collectors.joining("; "));
                if (kept.isEmpty()) {
                    outgoing.remove(HttpHeaderNames.COOKIE);
                } else {
                    outgoing.set(HttpHeaderNames.COOKIE, kept);
                }
            }
        }
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
        if (backend != null && backend.isActive()) {
            // Flushed when this batch of client reads ends (channelReadComplete).
            backend.write(content);
        } else if (upstream != null) {
            pending.add(content);
        } else {
            content.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inClientRead = false;
        if (backend != null) {
            backend.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        // The client reads slower than the upstream sends: stop reading the upstream until it catches up.
        if (backend != null) {
            backend.config().setAutoRead(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        dropPending();
        if (backend != null) {
            // Mid-exchange: the upstream connection's state is unknown, so it is not reused.
            backend.close();
            backend = null;
        }
        if (exchange != null && !exchange.logged && upstream != null) {
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

    /** Answers the client itself; the rest of the request body, if any, is read and dropped. */
    private void reject(RouteFailure failure, boolean keepAlive) {
        ChannelHandlerContext ctx = client;
        if (ctx == null) {
            return;
        }
        discardingBody = !requestComplete;
        upstream = null;
        Exchange current = exchange();
        HttpResponse response = GatewayProblems.problem(
                HttpResponseStatus.valueOf(failure.status()),
                failure.type(),
                failure.title(),
                failure.detail(),
                current.requestId);
        if (failure.status() == 429) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        }
        if (failure.status() == 401) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"paddock\"");
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        current.bytes = HttpUtil.getContentLength(response, 0L);
        services.log().finished(current, failure.status());
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void redirectToHttps(ChannelHandlerContext ctx, HttpRequest request, String hostHeader) {
        int httpsPort = listener.httpsRedirectPort();
        String host = hostnameOf(hostHeader);
        String location = "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + request.uri();
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.PERMANENT_REDIRECT);
        response.headers().set(HttpHeaderNames.LOCATION, location).set(HttpHeaderNames.CONTENT_LENGTH, 0);
        HttpUtil.setKeepAlive(response, clientKeepAlive);
        discardingBody = !requestComplete;
        services.log().finished(exchange(), 308);
        var written = ctx.writeAndFlush(response);
        if (!clientKeepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void answerPreflight(ChannelHandlerContext ctx, Cors cors, @Nullable String origin) {
        if (origin == null) {
            reject(
                    new RouteFailure(
                            403,
                            "origin-not-allowed",
                            "Origin not allowed",
                            "This route's CORS settings do not allow that origin."),
                    clientKeepAlive);
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        headers.set(
                HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS,
                cors.allowedMethods().isEmpty()
                        ? "GET, POST, PUT, PATCH, DELETE, OPTIONS"
                        : String.join(", ", cors.allowedMethods()));
        if (!cors.allowedHeaders().isEmpty()) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", cors.allowedHeaders()));
        }
        headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 600);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, 0);
        HttpUtil.setKeepAlive(response, clientKeepAlive);
        discardingBody = !requestComplete;
        services.log().finished(exchange(), 204);
        var written = ctx.writeAndFlush(response);
        if (!clientKeepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void dropPending() {
        while (!pending.isEmpty()) {
            ReferenceCountUtil.release(pending.poll());
        }
    }

    private Exchange exchange() {
        Exchange current = exchange;
        if (current == null) {
            throw new IllegalStateException("no exchange in progress");
        }
        return current;
    }

    private void countBytes(Object msg) {
        if (exchange != null) {
            if (msg instanceof ByteBufHolder holder) {
                exchange.bytes += holder.content().readableBytes();
            } else if (msg instanceof ByteBuf bytes) {
                exchange.bytes += bytes.readableBytes();
            }
        }
    }

    private static RouteFailure failureOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RouteFailure failure) {
            return failure;
        }
        log.warn("Routing failed unexpectedly", cause);
        return new RouteFailure(502, "route-failed", "Route failed", "The edge could not route the request: " + cause);
    }

    private static Credentials credentialsOf(HttpHeaders headers) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : null;
        String cookieToken = null;
        String cookies = headers.get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            Set<Cookie> decoded = ServerCookieDecoder.LAX.decode(cookies);
            for (Cookie cookie : decoded) {
                if (cookie.name().equals(RouteAccess.TOKEN_COOKIE)) {
                    cookieToken = cookie.value();
                }
            }
        }
        return new Credentials(bearer, headers.get("X-Api-Key"), cookieToken);
    }

    /** The Host header without its port, lower-cased (IPv6 literals keep their brackets). */
    static String hostnameOf(String hostHeader) {
        String host = hostHeader.trim();
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query >= 0 ? uri.substring(0, query) : uri;
    }

    private static String requestIdOf(HttpHeaders headers) {
        String given = headers.get("X-Request-Id");
        if (given != null && SAFE_REQUEST_ID.matcher(given).matches()) {
            return given;
        }
        // Unique, not secret: no need for SecureRandom (UUID.randomUUID) on every request.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The upstream side of the current exchange: relays the response and hands the connection back when done. */
    private final class BackendRelay extends ChannelInboundHandlerAdapter {

        private boolean responseStarted;
        private boolean informational;
        private boolean upstreamKeepAlive = true;
        private int status;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ChannelHandlerContext front = client;
            if (front == null || !front.channel().isActive()) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            if (upgraded) {
                countBytes(msg);
                front.writeAndFlush(msg);
                return;
            }
            if (msg instanceof HttpResponse response) {
                onResponse(ctx, front, response);
            }
            if (msg instanceof HttpContent content) {
                boolean last = content instanceof LastHttpContent;
                if (informational) {
                    content.release();
                    if (last) {
                        informational = false;
                    }
                    return;
                }
                countBytes(content);
                if (last) {
                    front.writeAndFlush(content);
                    finishExchange(ctx.channel(), front);
                } else {
                    front.write(content);
                }
            } else if (msg instanceof ByteBuf bytes && upgraded) {
                front.writeAndFlush(bytes);
            } else if (!(msg instanceof HttpResponse)) {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onResponse(ChannelHandlerContext ctx, ChannelHandlerContext front, HttpResponse response) {
            int code = response.status().code();
            if (code == 101 && upgradeRequested) {
                responseStarted = true;
                upgraded = true;
                if (exchange != null) {
                    services.log().finished(exchange, 101);
                }
                // From here on both sides speak the upgraded protocol: the HTTP codecs leave both pipelines (bytes
                // the upstream's decoder already holds are handed on as they are).
                front.writeAndFlush(response).addListener(written -> {
                    if (front.pipeline().get(HttpServerCodec.class) != null) {
                        front.pipeline().remove(HttpServerCodec.class);
                    }
                });
                if (ctx.pipeline().get(UpstreamConnections.CODEC) != null) {
                    ctx.pipeline().remove(UpstreamConnections.CODEC);
                }
                return;
            }
            if (code >= 100 && code < 200) {
                informational = true;
                front.writeAndFlush(response);
                return;
            }
            responseStarted = true;
            status = code;
            upstreamKeepAlive = HttpUtil.isKeepAlive(response);
            HOP_BY_HOP.forEach(response.headers()::remove);
            responseHeaders.forEach(response.headers()::set);
            if (allowedOrigin != null) {
                response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowedOrigin);
                response.headers().add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
            }
            if (!HttpUtil.isContentLengthSet(response)
                    && !HttpUtil.isTransferEncodingChunked(response)
                    && code != 204
                    && code != 304) {
                // A close-delimited upstream body is re-framed as chunked so the client connection can stay open.
                HttpUtil.setTransferEncodingChunked(response, true);
            }
            HttpUtil.setKeepAlive(response, clientKeepAlive);
            front.write(response);
        }

        private void finishExchange(Channel upstreamChannel, ChannelHandlerContext front) {
            upstreamChannel.pipeline().remove(this);
            Upstream finished = upstream;
            backend = null;
            upstream = null;
            if (exchange != null) {
                services.log().finished(exchange, status);
            }
            if (upstreamKeepAlive && finished != null) {
                upstreams.release(finished, upstreamChannel);
            } else {
                upstreamChannel.close();
            }
            if (!clientKeepAlive) {
                front.close();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (client != null) {
                client.flush();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            // The upstream reads the request body slower than the client sends it.
            if (client != null) {
                client.channel().config().setAutoRead(ctx.channel().isWritable());
            }
            super.channelWritabilityChanged(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE && !upgraded) {
                failExchange(
                        ctx,
                        new RouteFailure(
                                504, "upstream-timeout", "Service timed out", "The service did not answer in time."));
                return;
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (backend == ctx.channel()) {
                failExchange(
                        ctx,
                        new RouteFailure(
                                502,
                                "upstream-closed",
                                "Service closed the connection",
                                "The service closed the connection before answering."));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("Upstream connection failed: {}", cause.toString());
            failExchange(
                    ctx,
                    new RouteFailure(
                            502, "upstream-failed", "Service failed", "The connection to the service failed."));
        }

        private void failExchange(ChannelHandlerContext ctx, RouteFailure failure) {
            backend = null;
            ctx.channel().close();
            ChannelHandlerContext front = client;
            if (front == null) {
                return;
            }
            if (responseStarted || upgraded) {
                front.close();
            } else {
                String name = upstream == null ? "upstream" : upstream.name();
                reject(
                        new RouteFailure(
                                failure.status(),
                                failure.type(),
                                failure.title(),
                                failure.detail().replace("The service", "The " + name + " service")),
                        false);
            }
        }
    }
}
