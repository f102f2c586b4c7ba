package dev.paddock.edge.gateway.tcp;

import dev.paddock.edge.gateway.Upstream;
import dev.paddock.edge.gateway.UpstreamConnections;
import dev.paddock.edge.routes.LiveRoutes;
import dev.paddock.edge.routes.ProxyHost.TcpRoute;
import dev.paddock.edge.routes.RouteSnapshot.ServedHost;
import dev.paddock.edge.vm.RouteFailure;
import dev.paddock.edge.vm.VmLocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a TCP route's port: reads nothing until the route's target is open (the VM found, the tunnel
 * through its agent up), then pipes bytes both ways with backpressure. Raw TCP has no way to say why a connection
 * cannot go through, so a refusal closes it and the reason goes to the log with the connection's id.
 */
public final class TcpRouteHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TcpRouteHandler.class);
    private static final Logger access = LoggerFactory.getLogger("dev.paddock.edge.access");

    /** Bulk transfers read up to 256 KiB at a time (the default stops at 64 KiB). */
    public static final AdaptiveRecvByteBufAllocator BULK_READS =
            new AdaptiveRecvByteBufAllocator(4096, 65536, 256 * 1024);

    /** Room for a few large reads before the other side is paused (pausing costs system calls). */
    public static final WriteBufferWaterMark BULK_WATER_MARK = new WriteBufferWaterMark(1024 * 1024, 4 * 1024 * 1024);

    private final int port;
    private final LiveRoutes routes;
    private final VmLocator vms;
    private final UpstreamConnections upstreams;
    private final String connectionId = UUID.randomUUID().toString();
    private final long startNanos = System.nanoTime();
    private @Nullable Channel target;
    private String description = "-";
    private long bytesIn;
    private long bytesOut;

    public TcpRouteHandler(int port, LiveRoutes routes, VmLocator vms, UpstreamConnections upstreams) {
        this.port = port;
        this.routes = routes;
        this.vms = vms;
        this.upstreams = upstreams;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ServedHost served = routes.current().listeners().get(port);
        TcpRoute route = served == null ? null : served.host().tcpRoute();
        if (route == null) {
            refuse(ctx, "no TCP route on port " + port + " any more");
            return;
        }
        CompletableFuture<ResolvedPipe> resolved;
        if (route.targetVmId() != null) {
            description = served.host().name() + " -> VM " + route.targetVmId() + ":" + route.targetPort();
            resolved = vms.locate(route.targetVmId())
                    .thenApply(location -> new ResolvedPipe(
                            Upstream.tunnel(location.vmName(), location.vmId(), location.agent(), route.targetPort()),
                            location.token()));
        } else {
            description = served.host().name() + " -> " + route.targetHost() + ":" + route.targetPort();
            resolved = CompletableFuture.completedFuture(
                    new ResolvedPipe(new Upstream(served.host().name(), route.targetHost(), route.targetPort()), null));
        }
        resolved.whenComplete((pipe, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                refuse(ctx, cause instanceof RouteFailure failure ? failure.detail() : String.valueOf(cause));
                return;
            }
            open(ctx, route, pipe);
        }));
    }

    private record ResolvedPipe(Upstream upstream, @Nullable String token) {}

    private void open(ChannelHandlerContext ctx, TcpRoute route, ResolvedPipe pipe) {
        upstreams.openPipe(pipe.upstream(), pipe.token(), connectionId).addListener((Future<Channel> opened) -> {
            if (!opened.isSuccess()) {
                if (route.targetVmId() != null) {
                    vms.forget(route.targetVmId());
                }
                Throwable cause = opened.cause();
                refuse(ctx, cause instanceof RouteFailure failure ? failure.detail() : cause.toString());
                return;
            }
            Channel upstream = opened.getNow();
            if (!ctx.channel().isActive()) {
                upstream.close();
                return;
            }
            target = upstream;
            upstream.config().setRecvByteBufAllocator(BULK_READS);
            upstream.config().setWriteBufferWaterMark(BULK_WATER_MARK);
            upstream.pipeline().addLast(new Back(ctx.channel()));
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (target == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf bytes) {
            bytesIn += bytes.readableBytes();
        }
        target.write(msg, target.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // One flush per batch of reads, not per read: fewer system calls on bulk transfers.
        if (target != null) {
            target.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (target != null) {
            target.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (target != null) {
            target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        access.info(
                "TCP :{} {} in={}B out={}B {}ms connection_id={}",
                port,
                description,
                bytesIn,
                bytesOut,
                (System.nanoTime() - startNanos) / 1_000_000,
                connectionId);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("TCP route connection {} failed: {}", connectionId, cause.toString());
        ctx.close();
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        log.warn("TCP connection {} on port {} refused: {}", connectionId, port, reason);
        ctx.close();
    }

    /** The target's side: bytes back to the client, and its closing closes the client. */
    private final class Back extends ChannelInboundHandlerAdapter {

        private final Channel client;

        Back(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes) {
                bytesOut += bytes.readableBytes();
            }
            client.write(msg, client.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            client.config().setAutoRead(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
