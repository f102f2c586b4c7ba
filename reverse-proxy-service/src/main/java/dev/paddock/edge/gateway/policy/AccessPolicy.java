package dev.paddock.edge.gateway.policy;

import dev.paddock.edge.access.RouteAccess;
import dev.paddock.edge.access.RouteAccess.Credentials;
import dev.paddock.edge.routes.ProxyHost.Access;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.stream.Collectors;

/**
 * Who may use a route that is not public: the caller's credentials are taken off the request (a VM never sees a
 * Paddock token) and checked off the event loop; the request waits for the check before it is forwarded.
 */
public final class AccessPolicy implements RoutePolicy {

    private static final String API_KEY = "X-Api-Key";

    private final RouteAccess access;
    private final Access rule;
    private final String what;

    /** @param what names the route in refusals ("Route 'app'") */
    AccessPolicy(RouteAccess access, Access rule, String what) {
        this.access = access;
        this.rule = rule;
        this.what = what;
    }

    @Override
    public Verdict apply(PolicyRequest request) {
        return apply(request, what);
    }

    /** As {@link #apply(PolicyRequest)}, naming the route {@code what} in refusals. */
    public Verdict apply(PolicyRequest request, String what) {
        HttpHeaders headers = request.request().headers();
        Credentials credentials = credentialsOf(headers);
        strip(headers);
        request.awaitAccess(access.check(rule, credentials, what));
        return Verdict.PASS;
    }

    static Credentials credentialsOf(HttpHeaders headers) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : null;
        String cookieToken = null;
        String cookies = headers.get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookies)) {
                if (cookie.name().equals(RouteAccess.TOKEN_COOKIE)) {
                    cookieToken = cookie.value();
                }
            }
        }
        return new Credentials(bearer, headers.get(API_KEY), cookieToken);
    }

    private static void strip(HttpHeaders headers) {
        String cookies = headers.get(HttpHeaderNames.COOKIE);
        headers.remove(HttpHeaderNames.AUTHORIZATION);
        headers.remove(API_KEY);
        if (cookies != null) {
            String kept = ServerCookieDecoder.LAX.decode(cookies).stream()
                    .filter(cookie -> !cookie.name().equals(RouteAccess.TOKEN_COOKIE))
                    .map(cookie -> cookie.name() + "=" + cookie.value())
                    .collect(Collectors.joining("; "));
            if (kept.isEmpty()) {
                headers.remove(HttpHeaderNames.COOKIE);
            } else {
                headers.set(HttpHeaderNames.COOKIE, kept);
            }
        }
    }
}
