package dev.paddock.edge.gateway.http;

import dev.paddock.edge.gateway.Upstream;
import dev.paddock.edge.gateway.UpstreamConnections;
import dev.paddock.edge.vm.RouteFailure;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request side of a client connection's exchanges: borrows a pooled connection to the target on the same event
 * loop (once access and target are settled, when that takes a trip off the event loop), then streams the request and
 * its body to it. Body parts that arrive before the connection are queued, not dropped.
 */
final class Relay {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    /** Stand-in upstream while a request waits for its target: body parts read meanwhile are queued, not dropped. */
    private static final Upstream PENDING = new Upstream("pending", "", 0);

    /** Where a request goes once settled: the upstream, and the edge's token for a tunnel. */
    record Target(Upstream upstream, @Nullable String token) {}

    private final ProxyHandler client;
    private final UpstreamConnections upstreams;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private @Nullable Channel backend;
    private @Nullable Upstream upstream;
    /** True while the client's reads are being handled: writes to the upstream are flushed once, when they end. */
    private boolean inClientRead;

    Relay(ProxyHandler client, UpstreamConnections upstreams) {
        this.client = client;
        this.upstreams = upstreams;
    }

    /** Sends the request straight on: nothing to settle off the event loop. */
    void send(ChannelHandlerContext ctx, HttpRequest outbound, Upstream target) {
        pending.add(outbound);
        upstream = target;
        connect(ctx, target, null);
    }

    /** Holds the request (and reads) until access and target are settled off the event loop, then sends it. */
    void await(ChannelHandlerContext ctx, HttpRequest outbound, CompletableFuture<Target> resolved) {
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
                client.reject(failureOf(error), client.keepAlive());
                ctx.channel().config().setAutoRead(true);
                return;
            }
            upstream = target.upstream();
            connect(ctx, target.upstream(), target.token());
        }));
    }

    /**
     * Sends what is pending over a connection to the target. A pooled connection is used at once; while a new one
     * opens, the client's reads pause (toggling reads costs system calls, so only then).
     */
    private void connect(ChannelHandlerContext ctx, Upstream target, @Nullable String token) {
        Future<Channel> acquired = upstreams.acquire(target, token, client.requestId());
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
                client.forgetRoutedVm();
                client.reject(failure, client.keepAlive());
            } else {
                log.warn("Cannot reach {} at {}: {}", target.name(), target.authority(), cause.toString());
                client.reject(
                        new RouteFailure(
                                502,
                                "upstream-unreachable",
                                "Service unreachable",
                                "The " + target.name() + " service at " + target.authority()
                                        + " cannot be reached; try again shortly."),
                        client.keepAlive());
            }
            if (!ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            return;
        }
        Channel connection = connected.getNow();
        backend = connection;
        connection.pipeline().addLast("relay", new BackendRelay(client, this));
        while (!pending.isEmpty()) {
            connection.write(pending.poll());
        }
        if (!inClientRead) {
            connection.flush();
        }
        if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** A part of the request body: written (flushed when this batch of client reads ends), queued, or dropped. */
    void forwardBody(HttpContent content) {
        Channel connection = backend;
        if (connection != null && connection.isActive()) {
            connection.write(content);
        } else if (upstream != null) {
            pending.add(content);
        } else {
            content.release();
        }
    }

    /** After an upgrade: the client's bytes as they are. */
    void forwardUpgraded(Object msg) {
        if (backend != null) {
            backend.writeAndFlush(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    void clientReadStarted() {
        inClientRead = true;
    }

    void clientReadComplete() {
        inClientRead = false;
        if (backend != null) {
            backend.flush();
        }
    }

    /** The client reads slower than the upstream sends: stop reading the upstream until it catches up. */
    void clientWritable(boolean writable) {
        if (backend != null) {
            backend.config().setAutoRead(writable);
        }
    }

    /** The client went away; true when an exchange was under way. */
    boolean clientClosed() {
        dropPending();
        if (backend != null) {
            // Mid-exchange: the upstream connection's state is unknown, so it is not reused.
            backend.close();
            backend = null;
        }
        return upstream != null;
    }

    /** The edge answered the client itself: nothing goes upstream any more. */
    void abandon() {
        upstream = null;
    }

    boolean isBackend(Channel channel) {
        return backend == channel;
    }

    String upstreamName() {
        return upstream == null ? "upstream" : upstream.name();
    }

    /** The response is complete: the connection goes back to the pool when it may be reused, else it is closed. */
    void finished(Channel connection, boolean reusable) {
        Upstream finished = upstream;
        backend = null;
        upstream = null;
        if (reusable && finished != null) {
            upstreams.release(finished, connection);
        } else {
            connection.close();
        }
    }

    /** The upstream connection failed mid-exchange. */
    void failed() {
        backend = null;
    }

    private void dropPending() {
        while (!pending.isEmpty()) {
            ReferenceCountUtil.release(pending.poll());
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
}
