package dev.paddock.edge.gateway.http;

import dev.paddock.edge.gateway.HostHeader;
import dev.paddock.edge.gateway.http.Destination.ClientTunnel;
import dev.paddock.edge.gateway.http.Destination.HostRoute;
import dev.paddock.edge.gateway.http.Destination.Refused;
import dev.paddock.edge.gateway.http.Destination.VmAddress;
import dev.paddock.edge.routes.RouteSnapshot;
import dev.paddock.edge.routes.RouteSnapshot.ServedHost;
import dev.paddock.edge.vm.RouteFailure;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a request goes, from its listener, {@code Host} header and target alone: a reverse-proxy host chosen by
 * listener or hostname, an automatic {@code <vm>.<vm-domain>} name, a client's tunnel, or the API by path.
 */
public final class Routing {

    private static final Pattern VM_LABEL = Pattern.compile("(.+?)(?:--(\\d{1,5}))?");
    private static final Pattern CLIENT_TUNNEL =
            Pattern.compile("/api(?:/v1)?/orchestrator/machines/([^/]+)/tunnel/(\\d{1,5})");

    private final RouteTable api;
    private final String vmDomain;

    /** @param vmDomain the domain of automatic VM hostnames ({@code vm.localhost}) */
    public Routing(RouteTable api, String vmDomain) {
        this.api = api;
        this.vmDomain = "." + vmDomain.toLowerCase(Locale.ROOT);
    }

    /**
     * @param ownHostPort the port of the reverse-proxy host whose own listener the request arrived on, or null
     * @param uri the request target (path and query)
     */
    Destination resolve(RouteSnapshot snapshot, @Nullable Integer ownHostPort, String hostHeader, String uri) {
        String hostname = HostHeader.hostnameOf(hostHeader);
        ServedHost served = ownHostPort != null ? snapshot.listeners().get(ownHostPort) : snapshot.byHostname(hostname);
        if (served != null) {
            String path = pathOf(uri);
            return new HostRoute(served, served.match(path), path);
        }
        if (ownHostPort != null) {
            return new Refused(
                    new RouteFailure(
                            503,
                            "route-removed",
                            "Route removed",
                            "Nothing is configured on port " + ownHostPort + " any more."),
                    false);
        }
        if (hostname.endsWith(vmDomain)) {
            return vmAddress(hostname);
        }
        Matcher tunnel = CLIENT_TUNNEL.matcher(pathOf(uri));
        if (tunnel.matches()) {
            return new ClientTunnel(tunnel.group(1), Integer.parseInt(tunnel.group(2)));
        }
        RouteTable.Route route = api.resolve(uri);
        if (route == null) {
            return new Refused(
                    new RouteFailure(
                            404, "not-found", "Not found", "No route for " + uri + "; the API lives under /api/v1/."),
                    true);
        }
        return route;
    }

    private Destination vmAddress(String hostname) {
        String label = hostname.substring(0, hostname.length() - vmDomain.length());
        Matcher parts = VM_LABEL.matcher(label);
        if (label.isEmpty() || label.contains(".") || !parts.matches()) {
            return new Refused(
                    new RouteFailure(
                            404,
                            "not-found",
                            "Not found",
                            "'" + hostname + "' names no VM; use <vm name or id>" + vmDomain + "."),
                    true);
        }
        int port = parts.group(2) == null ? 80 : Integer.parseInt(parts.group(2));
        return new VmAddress(hostname, parts.group(1), port);
    }

    static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query >= 0 ? uri.substring(0, query) : uri;
    }
}
