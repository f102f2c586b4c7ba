package dev.paddock.edge.routes;

import dev.paddock.edge.routes.ProxyHost.HttpRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The configuration as the gateway serves it: compiled once per change, then read without locks by every connection.
 * Virtual hosts are found by hostname, hosts with listeners of their own by port.
 */
public final class RouteSnapshot {

    /** A route with its path pattern compiled. */
    public record CompiledRoute(HttpRoute route, Pattern pattern) {}

    /** A host as served: its routes in the order they are tried. */
    public record ServedHost(ProxyHost host, List<CompiledRoute> routes) {

        /** The first route whose pattern matches the path, or null. */
        public @Nullable CompiledRoute match(String path) {
            for (CompiledRoute route : routes) {
                if (route.pattern().matcher(path).lookingAt()) {
                    return route;
                }
            }
            return null;
        }
    }

    static final RouteSnapshot EMPTY = new RouteSnapshot(false, -1, Map.of(), Map.of(), List.of());

    private final boolean enabled;
    private final long generation;
    private final Map<String, ServedHost> virtualHosts;
    private final Map<Integer, ServedHost> listeners;
    private final List<ServedHost> hosts;

    private RouteSnapshot(
            boolean enabled,
            long generation,
            Map<String, ServedHost> virtualHosts,
            Map<Integer, ServedHost> listeners,
            List<ServedHost> hosts) {
        this.enabled = enabled;
        this.generation = generation;
        this.virtualHosts = virtualHosts;
        this.listeners = listeners;
        this.hosts = hosts;
    }

    static RouteSnapshot compile(boolean enabled, long generation, List<ProxyHost> hosts, int frontDoorPort) {
        Map<String, ServedHost> virtualHosts = new HashMap<>();
        Map<Integer, ServedHost> listeners = new HashMap<>();
        List<ServedHost> served = new ArrayList<>();
        for (ProxyHost host : hosts) {
            ServedHost compiled = new ServedHost(
                    host,
                    host.httpRoutes().stream()
                            .map(route -> new CompiledRoute(route, patternOf(route)))
                            .toList());
            served.add(compiled);
            if (host.hasOwnListener(frontDoorPort)) {
                listeners.put(host.port(), compiled);
            } else {
                virtualHosts.put(host.host().toLowerCase(Locale.ROOT), compiled);
            }
        }
        return new RouteSnapshot(
                enabled, generation, Map.copyOf(virtualHosts), Map.copyOf(listeners), List.copyOf(served));
    }

    /** A route's pattern, or its path as a prefix, or everything. */
    private static Pattern patternOf(HttpRoute route) {
        if (route.pattern() != null) {
            return Pattern.compile(route.pattern());
        }
        if (route.path() != null) {
            return Pattern.compile(Pattern.quote(route.path()));
        }
        return Pattern.compile("");
    }

    public boolean enabled() {
        return enabled;
    }

    public long generation() {
        return generation;
    }

    /** The virtual host serving {@code hostname} (without port), when routes are enabled. */
    public @Nullable ServedHost byHostname(String hostname) {
        return enabled ? virtualHosts.get(hostname.toLowerCase(Locale.ROOT)) : null;
    }

    /** Every host of the configuration, served or not (the gateway compiles their policies once per snapshot). */
    public List<ServedHost> hosts() {
        return hosts;
    }

    /** Hosts that need listeners of their own, by port (none while routes are disabled). */
    public Map<Integer, ServedHost> listeners() {
        return enabled ? listeners : Map.of();
    }
}
