package dev.paddock.edge.gateway.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The request as forwarded: same method and target, hop-by-hop headers dropped, forwarding headers set. Credentials
 * are the access policy's business: it removes them when the edge itself checked the caller.
 */
final class ForwardedRequest {

    static final List<CharSequence> HOP_BY_HOP = List.of(
            HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER,
            HttpHeaderNames.UPGRADE,
            "proxy-connection");

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private ForwardedRequest() {}

    /**
     * Rewrites the decoded request in place (copying every header of every request costs more than it buys).
     *
     * @return whether the client asked to upgrade the connection (a WebSocket)
     */
    static boolean rewrite(HttpRequest request, String uri, String clientAddress, Listener listener, String requestId) {
        HttpHeaders outgoing = request.headers();
        boolean upgradeRequested = outgoing.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && outgoing.contains(HttpHeaderNames.UPGRADE);
        String upgrade = outgoing.get(HttpHeaderNames.UPGRADE);
        String forwardedFor = outgoing.get("X-Forwarded-For");
        String host = outgoing.get(HttpHeaderNames.HOST, "");
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
        outgoing.set("X-Request-Id", requestId);
        return upgradeRequested;
    }

    /** The client's request id when it is safe to pass on, otherwise a new one. */
    static String requestIdOf(HttpHeaders headers) {
        String given = headers.get("X-Request-Id");
        if (given != null && SAFE_REQUEST_ID.matcher(given).matches()) {
            return given;
        }
        // Unique, not secret: no need for SecureRandom (UUID.randomUUID) on every request.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
