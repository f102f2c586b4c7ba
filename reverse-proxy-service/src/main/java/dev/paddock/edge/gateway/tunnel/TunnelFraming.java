package dev.paddock.edge.gateway.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Makes an open tunnel look like a plain connection to the guest: the payload of binary frames (whole or in parts) goes
 * up as bytes, bytes written go out as binary frames, pings are answered, and a close frame closes the connection.
 */
final class TunnelFraming extends ChannelDuplexHandler {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
            ByteBuf payload = ((WebSocketFrame) msg).content();
            if (payload.isReadable()) {
                ctx.fireChannelRead(payload);
            } else {
                payload.release();
            }
        } else if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof CloseWebSocketFrame close) {
            close.release();
            ctx.close();
        } else if (msg instanceof WebSocketFrame frame) {
            frame.release();
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            if (!bytes.isReadable()) {
                // Empty writes (an HTTP codec's markers) must not become empty frames.
                bytes.release();
                promise.setSuccess();
                return;
            }
            ctx.write(new BinaryWebSocketFrame(bytes), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
