package dev.paddock.edge.gateway.policy;

import dev.paddock.common.security.Claims;
import dev.paddock.edge.access.RouteAccess;
import dev.paddock.edge.routes.ProxyHost;
import dev.paddock.edge.routes.ProxyHost.Access;
import dev.paddock.edge.routes.ProxyHost.Cors;
import dev.paddock.edge.routes.ProxyHost.HttpRoute;
import dev.paddock.edge.routes.RouteSnapshot;
import dev.paddock.edge.routes.RouteSnapshot.CompiledRoute;
import dev.paddock.edge.routes.RouteSnapshot.ServedHost;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The policy chains of every route, compiled once per route configuration (the first request that sees a new
 * {@link RouteSnapshot} compiles them; every other request only looks its chain up), and the fixed policies of the
 * routes the edge makes itself: the front door's entry, automatic VM addresses and client tunnels.
 */
public final class RoutePolicies {

    private record Compiled(
            @Nullable RouteSnapshot snapshot,
            Map<ServedHost, PolicyChain> hosts,
            Map<CompiledRoute, PolicyChain> routes) {}

    private final RouteAccess access;
    private final AccessPolicy vmAddressAccess;
    private final AccessPolicy clientTunnelAccess;
    private final PolicyChain api;
    private volatile Compiled compiled = new Compiled(null, Map.of(), Map.of());

    /**
     * @param vmSubdomainClaim the claim a caller needs to reach {@code <vm>.<vm-domain>}
     * @param apiCors which other origins may call the API from a browser (off: none)
     */
    public RoutePolicies(RouteAccess access, String vmSubdomainClaim, Cors apiCors) {
        this.access = access;
        this.vmAddressAccess =
                new AccessPolicy(access, new Access(Access.AUTHENTICATED, List.of(vmSubdomainClaim)), "VM address");
        this.clientTunnelAccess =
                new AccessPolicy(access, new Access(Access.AUTHENTICATED, List.of(Claims.EXECUTE_SSH)), "A tunnel");
        // Each service checks its own callers; at the edge the API meets only CORS, so browsers on an allowed origin
        // get their preflights answered and their answers readable.
        this.api = apiCors.enabled() ? new PolicyChain(List.of(new CorsPolicy(apiCors))) : PolicyChain.NONE;
    }

    /** What a request to the API ({@code /api/**}) meets at the edge. */
    public PolicyChain api() {
        return api;
    }

    /**
     * What every request on a listener meets first: the per-client rate limit, then, on a plain listener that
     * redirects, the redirect to HTTPS.
     */
    public static PolicyChain entry(@Nullable RateLimiter limiter, @Nullable Integer httpsRedirectPort) {
        List<RoutePolicy> policies = new ArrayList<>(2);
        if (limiter != null) {
            policies.add(new RateLimitPolicy(limiter));
        }
        if (httpsRedirectPort != null) {
            policies.add(new HttpsRedirect(httpsRedirectPort));
        }
        return new PolicyChain(policies);
    }

    /**
     * The chain of a reverse-proxy host's route, or of the host itself when no route matched (its CORS settings still
     * answer preflights).
     */
    public PolicyChain chainOf(RouteSnapshot snapshot, ServedHost host, @Nullable CompiledRoute route) {
        Compiled current = compiled;
        if (current.snapshot() != snapshot) {
            current = compile(snapshot);
            compiled = current;
        }
        PolicyChain chain =
                route == null ? current.hosts().get(host) : current.routes().get(route);
        return chain != null ? chain : route == null ? hostChain(host.host()) : routeChain(host.host(), route.route());
    }

    /** Access to {@code <vm>.<vm-domain>}: a caller holding the configured claim. */
    public AccessPolicy vmAddressAccess() {
        return vmAddressAccess;
    }

    /** Access to a client's own tunnel: a caller holding {@code EXECUTE_SSH}. */
    public AccessPolicy clientTunnelAccess() {
        return clientTunnelAccess;
    }

    private Compiled compile(RouteSnapshot snapshot) {
        Map<ServedHost, PolicyChain> hosts = new IdentityHashMap<>();
        Map<CompiledRoute, PolicyChain> routes = new IdentityHashMap<>();
        for (ServedHost host : snapshot.hosts()) {
            hosts.put(host, hostChain(host.host()));
            for (CompiledRoute route : host.routes()) {
                routes.put(route, routeChain(host.host(), route.route()));
            }
        }
        return new Compiled(snapshot, hosts, routes);
    }

    /** CORS first (a preflight is answered before anything else), then access, then the route's header rules. */
    PolicyChain routeChain(ProxyHost host, HttpRoute route) {
        List<RoutePolicy> policies = new ArrayList<>(3);
        if (host.cors().enabled()) {
            policies.add(new CorsPolicy(host.cors()));
        }
        if (!host.access().isPublic()) {
            policies.add(new AccessPolicy(access, host.access(), "Route '" + host.name() + "'"));
        }
        if (!route.requestHeaders().isEmpty() || !route.responseHeaders().isEmpty()) {
            policies.add(new HeaderRules(route.requestHeaders(), route.responseHeaders()));
        }
        return policies.isEmpty() ? PolicyChain.NONE : new PolicyChain(policies);
    }

    static PolicyChain hostChain(ProxyHost host) {
        return host.cors().enabled() ? new PolicyChain(List.of(new CorsPolicy(host.cors()))) : PolicyChain.NONE;
    }
}
