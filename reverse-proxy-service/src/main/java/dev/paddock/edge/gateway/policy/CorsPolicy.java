package dev.paddock.edge.gateway.policy;

import dev.paddock.edge.routes.ProxyHost.Cors;
import dev.paddock.edge.vm.RouteFailure;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/**
 * A host's CORS settings: preflights are answered by the edge (204 with the allow headers, or 403 for an origin that
 * is not allowed), and responses to an allowed origin's requests name it. Requests without an {@code Origin} pass
 * untouched.
 */
final class CorsPolicy implements RoutePolicy {

    private static final String DEFAULT_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

    private final Cors cors;
    private final String allowedMethods;
    private final @Nullable String allowedHeaders;

    CorsPolicy(Cors cors) {
        this.cors = cors;
        this.allowedMethods =
                cors.allowedMethods().isEmpty() ? DEFAULT_METHODS : String.join(", ", cors.allowedMethods());
        this.allowedHeaders = cors.allowedHeaders().isEmpty() ? null : String.join(", ", cors.allowedHeaders());
    }

    @Override
    public Verdict apply(PolicyRequest request) {
        HttpRequest received = request.request();
        String origin = received.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            return Verdict.PASS;
        }
        boolean allowed = cors.allowedOrigins().isEmpty()
                || cors.allowedOrigins().stream().anyMatch(pattern -> allows(pattern, origin));
        if (received.method().equals(HttpMethod.OPTIONS)
                && received.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            return allowed ? new Verdict.Respond(preflight(origin)) : refusal();
        }
        if (allowed) {
            request.allowOrigin(origin);
        }
        return Verdict.PASS;
    }

    /**
     * An allowed origin is {@code *}, an exact origin, or an origin with any port ({@code http://localhost:*}: a
     * development server's port changes from run to run).
     */
    static boolean allows(String pattern, String origin) {
        if (pattern.equals("*") || pattern.equals(origin)) {
            return true;
        }
        if (!pattern.endsWith(":*")) {
            return false;
        }
        String host = pattern.substring(0, pattern.length() - 1);
        return origin.startsWith(host)
                && origin.length() > host.length()
                && origin.substring(host.length()).chars().allMatch(Character::isDigit);
    }

    @Override
    public void onResponse(PolicyRequest request, HttpHeaders response) {
        String origin = request.allowedOrigin();
        if (origin != null) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
    }

    private FullHttpResponse preflight(String origin) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, allowedMethods);
        if (allowedHeaders != null) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, allowedHeaders);
        }
        headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 600);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    private static Verdict refusal() {
        return new Verdict.Refuse(new RouteFailure(
                403,
                "origin-not-allowed",
                "Origin not allowed",
                "This route's CORS settings do not allow that origin."));
    }
}
