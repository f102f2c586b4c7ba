package dev.paddock.edge.gateway;

import dev.paddock.edge.gateway.RouteTable.Route;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the front door. For each request it picks the upstream by path, borrows a pooled upstream
 * connection on the same event loop, and streams the request and the response through without buffering whole bodies,
 * pausing reads on whichever side the other cannot keep up with. A WebSocket upgrade turns the pair into a byte pipe.
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final List<CharSequence> HOP_BY_HOP = List.of(
            HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER,
            HttpHeaderNames.UPGRADE,
            "proxy-connection");

    private final RouteTable routes;
    private final UpstreamConnections upstreams;
    private final int frontDoorPort;

    private @Nullable ChannelHandlerContext client;
    private @Nullable Channel backend;
    private @Nullable Upstream upstream;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private boolean discardingBody;
    private boolean clientKeepAlive;
    private boolean upgradeRequested;
    private boolean upgraded;
    private String requestId = "";

    ProxyHandler(RouteTable routes, UpstreamConnections upstreams, int frontDoorPort) {
        this.routes = routes;
        this.upstreams = upstreams;
        this.frontDoorPort = frontDoorPort;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.client = ctx;
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
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

    private void startExchange(ChannelHandlerContext ctx, HttpRequest request) {
        requestId = requestIdOf(request.headers());
        if (request.decoderResult().isFailure()) {
            reject(
                    HttpResponseStatus.BAD_REQUEST,
                    "malformed-request",
                    "Malformed request",
                    "The request line or headers could not be parsed: "
                            + request.decoderResult().cause().getMessage(),
                    false);
            return;
        }
        clientKeepAlive = HttpUtil.isKeepAlive(request);
        Route route = routes.resolve(request.uri());
        if (route == null) {
            reject(
                    HttpResponseStatus.NOT_FOUND,
                    "not-found",
                    "Not found",
                    "No route for " + request.uri() + "; the API lives under /api/v1/.",
                    clientKeepAlive);
            return;
        }
        upstream = route.upstream();
        upgradeRequested = request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().contains(HttpHeaderNames.UPGRADE);
        HttpRequest outbound = new DefaultHttpRequest(
                HttpVersion.HTTP_1_1,
                request.method(),
                route.path(),
                request.headers().copy());
        prepareHeaders(ctx, request.headers(), outbound.headers());
        pending.add(outbound);
        ctx.channel().config().setAutoRead(false);
        Upstream target = upstream;
        upstreams.acquire(target).addListener((ChannelFutureListener) connected -> {
            if (!ctx.channel().isActive()) {
                if (connected.isSuccess()) {
                    connected.channel().close();
                }
                dropPending();
                return;
            }
            if (!connected.isSuccess()) {
                log.warn(
                        "Cannot reach {} at {}: {}",
                        target.name(),
                        target.authority(),
                        connected.cause().toString());
                dropPending();
                reject(
                        HttpResponseStatus.BAD_GATEWAY,
                        "upstream-unreachable",
                        "Service unreachable",
                        "The " + target.name() + " service at " + target.authority()
                                + " cannot be reached; try again shortly.",
                        clientKeepAlive);
                ctx.channel().config().setAutoRead(true);
                return;
            }
            backend = connected.channel();
            backend.pipeline().addLast("relay", new BackendRelay());
            while (!pending.isEmpty()) {
                backend.write(pending.poll());
            }
            backend.flush();
            ctx.channel().config().setAutoRead(true);
        });
    }

    private void prepareHeaders(ChannelHandlerContext ctx, HttpHeaders incoming, HttpHeaders outgoing) {
        String upgrade = incoming.get(HttpHeaderNames.UPGRADE);
        HOP_BY_HOP.forEach(outgoing::remove);
        if (upgradeRequested && upgrade != null) {
            outgoing.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            outgoing.set(HttpHeaderNames.UPGRADE, upgrade);
        }
        String host = incoming.get(HttpHeaderNames.HOST, "");
        String clientAddress =
                ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        String forwardedFor = incoming.get("X-Forwarded-For");
        outgoing.set("X-Forwarded-For", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        outgoing.set("X-Forwarded-Proto", "http");
        if (!host.isEmpty()) {
            outgoing.set("X-Forwarded-Host", host);
        }
        outgoing.set("X-Forwarded-Port", frontDoorPort);
        outgoing.set("X-Request-Id", requestId);
        if (upstream != null) {
            outgoing.set(HttpHeaderNames.HOST, upstream.authority());
        }
    }

    private void forwardBody(HttpContent content) {
        if (discardingBody) {
            content.release();
            if (content instanceof LastHttpContent) {
                discardingBody = false;
            }
            return;
        }
        if (backend != null && backend.isActive()) {
            if (content instanceof LastHttpContent) {
                backend.writeAndFlush(content);
            } else {
                backend.write(content);
            }
        } else if (upstream != null) {
            pending.add(content);
        } else {
            content.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
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
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Client connection failed: {}", cause.toString());
        ctx.close();
    }

    /** Answers the client itself; the rest of the request body, if any, is read and dropped. */
    private void reject(HttpResponseStatus status, String type, String title, String detail, boolean keepAlive) {
        ChannelHandlerContext ctx = client;
        if (ctx == null) {
            return;
        }
        discardingBody = true;
        upstream = null;
        HttpResponse response = GatewayProblems.problem(status, type, title, detail, requestId);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void dropPending() {
        while (!pending.isEmpty()) {
            ReferenceCountUtil.release(pending.poll());
        }
    }

    private static String requestIdOf(HttpHeaders headers) {
        String given = headers.get("X-Request-Id");
        return given != null && SAFE_REQUEST_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }

    /** The upstream side of the current exchange: relays the response and hands the connection back when done. */
    private final class BackendRelay extends ChannelInboundHandlerAdapter {

        private boolean responseStarted;
        private boolean informational;
        private boolean upstreamKeepAlive = true;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ChannelHandlerContext front = client;
            if (front == null || !front.channel().isActive()) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            if (upgraded) {
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
            upstreamKeepAlive = HttpUtil.isKeepAlive(response);
            HOP_BY_HOP.forEach(response.headers()::remove);
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
            if (event instanceof io.netty.handler.timeout.IdleStateEvent idle
                    && idle.state() == io.netty.handler.timeout.IdleState.READER_IDLE
                    && !upgraded) {
                failExchange(
                        ctx,
                        HttpResponseStatus.GATEWAY_TIMEOUT,
                        "upstream-timeout",
                        "Service timed out",
                        "The service did not answer in time.");
                return;
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (backend == ctx.channel()) {
                failExchange(
                        ctx,
                        HttpResponseStatus.BAD_GATEWAY,
                        "upstream-closed",
                        "Service closed the connection",
                        "The service closed the connection before answering.");
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("Upstream connection failed: {}", cause.toString());
            failExchange(
                    ctx,
                    HttpResponseStatus.BAD_GATEWAY,
                    "upstream-failed",
                    "Service failed",
                    "The connection to the service failed.");
        }

        private void failExchange(
                ChannelHandlerContext ctx, HttpResponseStatus status, String type, String title, String detail) {
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
                reject(status, type, title, detail.replace("The service", "The " + name + " service"), false);
                discardingBody = false;
            }
        }
    }
}
