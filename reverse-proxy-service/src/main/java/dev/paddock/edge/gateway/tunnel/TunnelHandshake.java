package dev.paddock.edge.gateway.tunnel;

import dev.paddock.edge.vm.RouteFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a tunnel to a VM's guest port through its host's agent (ADR 0301): a WebSocket handshake on
 * {@code /api/v1/machines/{vm}/tunnel/{port}}, then binary frames both ways. Written by hand rather than with Netty's
 * handshaker so that (a) bytes the guest sends right after the upgrade (an SSH banner) are never lost between codecs,
 * and (b) a refusal keeps the agent's problem detail, which says why (VM stopped, nothing listening…).
 */
public final class TunnelHandshake extends ChannelInboundHandlerAdapter {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_ANSWER = 64 * 1024;
    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String authority;
    private final String path;
    private final String authorization;
    private final String requestId;
    private final String vm;
    private final Promise<io.netty.channel.Channel> opened;
    private final String key;
    private ByteBuf received = Unpooled.EMPTY_BUFFER;
    private int headerEnd = -1;
    private int status;
    private String headers = "";

    public TunnelHandshake(
            String authority,
            String path,
            String authorization,
            String requestId,
            String vm,
            Promise<io.netty.channel.Channel> opened) {
        this.authority = authority;
        this.path = path;
        this.authorization = authorization;
        this.requestId = requestId;
        this.vm = vm;
        this.opened = opened;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + authority + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + authorization + "\r\n"
                + "X-Request-Id: " + requestId + "\r\n\r\n";
        ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        received = received == Unpooled.EMPTY_BUFFER ? bytes : Unpooled.wrappedBuffer(received, bytes);
        if (received.readableBytes() > MAX_ANSWER) {
            fail(ctx, new RouteFailure(502, "tunnel-failed", "Tunnel failed", "The agent's answer was too large."));
            return;
        }
        if (headerEnd < 0 && !parseHeaders()) {
            return;
        }
        if (status == 101) {
            upgrade(ctx);
            return;
        }
        int length = contentLength();
        if (length >= 0 && received.readableBytes() - headerEnd >= length) {
            fail(ctx, refusal(received.toString(headerEnd, length, StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!opened.isDone()) {
            String body = headerEnd < 0
                    ? ""
                    : received.toString(headerEnd, received.readableBytes() - headerEnd, StandardCharsets.UTF_8);
            fail(
                    ctx,
                    headerEnd < 0
                            ? new RouteFailure(
                                    502,
                                    "tunnel-failed",
                                    "Tunnel failed",
                                    "The agent of VM '" + vm + "' closed the connection before answering.")
                            : refusal(body));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(
                ctx,
                new RouteFailure(
                        502,
                        "tunnel-failed",
                        "Tunnel failed",
                        "The connection to the agent of VM '" + vm + "' failed: " + cause));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (received.refCnt() > 0 && received != Unpooled.EMPTY_BUFFER) {
            received.release();
        }
        received = Unpooled.EMPTY_BUFFER;
    }

    private boolean parseHeaders() {
        int end = indexOf(received, "\r\n\r\n");
        if (end < 0) {
            return false;
        }
        headers = received.toString(received.readerIndex(), end - received.readerIndex(), StandardCharsets.ISO_8859_1);
        headerEnd = end + 4;
        String statusLine = headers.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        try {
            status = parts.length >= 2 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            status = 0;
        }
        return true;
    }

    private void upgrade(ChannelHandlerContext ctx) {
        String accept = header("sec-websocket-accept");
        if (!expectedAccept().equals(accept)) {
            fail(
                    ctx,
                    new RouteFailure(
                            502,
                            "tunnel-failed",
                            "Tunnel failed",
                            "The agent answered the tunnel handshake incorrectly."));
            return;
        }
        ByteBuf rest = received.retainedSlice(headerEnd, received.readableBytes() - headerEnd);
        received.release();
        received = Unpooled.EMPTY_BUFFER;
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(ctx.name(), "ws-decoder", new WebSocket13FrameDecoder(false, false, 16 * 1024 * 1024));
        pipeline.addAfter("ws-decoder", "ws-encoder", new WebSocket13FrameEncoder(true));
        pipeline.addAfter("ws-encoder", "ws-framing", new TunnelFraming());
        opened.setSuccess(ctx.channel());
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
        pipeline.remove(this);
    }

    private RouteFailure refusal(String body) {
        Matcher detail = DETAIL.matcher(body);
        String reason = detail.find() ? detail.group(1).replace("\\\"", "\"") : "status " + status;
        return switch (status) {
            case 409 -> new RouteFailure(503, "vm-not-running", "VM not running", reason);
            case 503 -> new RouteFailure(503, "vm-not-ready", "VM not ready", reason);
            case 404 ->
                new RouteFailure(
                        502,
                        "vm-not-on-host",
                        "VM not on its host",
                        reason + " (the fleet's view was stale; the next request looks the VM up again)");
            case 401, 403 ->
                new RouteFailure(
                        503,
                        "edge-credential-rejected",
                        "Edge credential rejected",
                        "The agent refused the edge's tunnel to VM '" + vm + "' (" + status + "): " + reason);
            case 400 -> new RouteFailure(502, "tunnel-refused", "Tunnel refused", reason);
            default -> new RouteFailure(502, "guest-port-unreachable", "Guest port unreachable", reason);
        };
    }

    private void fail(ChannelHandlerContext ctx, RouteFailure failure) {
        if (opened.tryFailure(failure)) {
            ctx.close();
        }
    }

    private int contentLength() {
        String value = header("content-length");
        if (value == null) {
            return header("transfer-encoding") == null ? 0 : -1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private @org.jspecify.annotations.Nullable String header(String name) {
        for (String line : headers.lines().skip(1).toList()) {
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private String expectedAccept() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(ByteBuf buffer, String marker) {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        int end = buffer.writerIndex() - needle.length;
        outer:
        for (int i = buffer.readerIndex(); i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
