package dev.paddock.edge.gateway.http;

import dev.paddock.edge.gateway.UpstreamConnections;
import dev.paddock.edge.vm.RouteFailure;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream side of one exchange: relays the response to the client (its headers cleaned and completed by the
 * route's policies), turns the pair into a byte pipe when a WebSocket upgrade is accepted, and hands the connection
 * back when the response is complete.
 */
final class BackendRelay extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(BackendRelay.class);

    private final ProxyHandler client;
    private final Relay relay;
    private boolean responseStarted;
    private boolean informational;
    private boolean upstreamKeepAlive = true;
    private int status;

    BackendRelay(ProxyHandler client, Relay relay) {
        this.client = client;
        this.relay = relay;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ChannelHandlerContext front = client.context();
        if (front == null || !front.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (client.upgraded()) {
            client.countBytes(msg);
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
            client.countBytes(content);
            if (last) {
                front.writeAndFlush(content);
                finishExchange(ctx, front);
            } else {
                front.write(content);
            }
        } else if (msg instanceof ByteBuf bytes && client.upgraded()) {
            front.writeAndFlush(bytes);
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(ChannelHandlerContext ctx, ChannelHandlerContext front, HttpResponse response) {
        int code = response.status().code();
        if (code == 101 && client.upgradeRequested()) {
            responseStarted = true;
            client.upgrade();
            // From here on both sides speak the upgraded protocol: the HTTP codecs leave both pipelines (bytes the
            // upstream's decoder already holds are handed on as they are).
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
        ForwardedRequest.HOP_BY_HOP.forEach(response.headers()::remove);
        client.decorate(response.headers());
        if (!HttpUtil.isContentLengthSet(response)
                && !HttpUtil.isTransferEncodingChunked(response)
                && code != 204
                && code != 304) {
            // A close-delimited upstream body is re-framed as chunked so the client connection can stay open.
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        HttpUtil.setKeepAlive(response, client.keepAlive());
        front.write(response);
    }

    private void finishExchange(ChannelHandlerContext ctx, ChannelHandlerContext front) {
        ctx.pipeline().remove(this);
        relay.finished(ctx.channel(), upstreamKeepAlive);
        client.finished(status);
        if (!client.keepAlive()) {
            front.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ChannelHandlerContext front = client.context();
        if (front != null) {
            front.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        // The upstream reads the request body slower than the client sends it.
        ChannelHandlerContext front = client.context();
        if (front != null) {
            front.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE && !client.upgraded()) {
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
        if (relay.isBackend(ctx.channel())) {
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
                new RouteFailure(502, "upstream-failed", "Service failed", "The connection to the service failed."));
    }

    private void failExchange(ChannelHandlerContext ctx, RouteFailure failure) {
        relay.failed();
        ctx.channel().close();
        ChannelHandlerContext front = client.context();
        if (front == null) {
            return;
        }
        if (responseStarted || client.upgraded()) {
            front.close();
        } else {
            client.reject(
                    new RouteFailure(
                            failure.status(),
                            failure.type(),
                            failure.title(),
                            failure.detail().replace("The service", "The " + relay.upstreamName() + " service")),
                    false);
        }
    }
}
