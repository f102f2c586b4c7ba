package dev.paddock.edge.gateway.http;

import dev.paddock.edge.gateway.Upstream;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which service owns a path, and the path it is forwarded as. The API keeps the reference's layout: catalog manifests
 * under {@code /api/v1/catalog}, the edge's own reverse-proxy API under {@code /api/v1/reverse-proxy}, everything else
 * under {@code /api} (identity, orchestrator, jobs, events) at the orchestrator. Like the reference, every route is also
 * served unversioned: {@code /api/auth/token} is {@code /api/v1/auth/token}. The orchestrator's per-host reverse-proxy
 * paths reach the edge's API too. Each service's OpenAPI document is
 * reachable as {@code /v3/api-docs/<service>} for the edge's combined Swagger UI.
 */
public final class RouteTable {

    private static final Pattern PER_HOST_REVERSE_PROXY =
            Pattern.compile("/api/v1/orchestrator/hosts/[^/]+/reverse-proxy(/.*)?");

    /** A resolved route: where to send the request, under which path. */
    record Route(Upstream upstream, String path) implements Destination {}

    private final Upstream orchestrator;
    private final Upstream catalog;
    private final Upstream edgeAdmin;

    public RouteTable(Upstream orchestrator, Upstream catalog, Upstream edgeAdmin) {
        this.orchestrator = orchestrator;
        this.catalog = catalog;
        this.edgeAdmin = edgeAdmin;
    }

    List<Upstream> upstreams() {
        return List.of(orchestrator, catalog, edgeAdmin);
    }

    /** @param uri the request target (path and query) */
    @Nullable Route resolve(String uri) {
        int query = uri.indexOf('?');
        String path = query >= 0 ? uri.substring(0, query) : uri;
        String suffix = query >= 0 ? uri.substring(query) : "";
        if (path.contains("/../") || path.endsWith("/..")) {
            return null;
        }
        if (path.equals("/v3/api-docs/orchestrator")) {
            return new Route(orchestrator, "/v3/api-docs" + suffix);
        }
        if (path.equals("/v3/api-docs/catalog")) {
            return new Route(catalog, "/v3/api-docs" + suffix);
        }
        if (path.equals("/v3/api-docs/edge")) {
            return new Route(edgeAdmin, "/v3/api-docs" + suffix);
        }
        if (path.startsWith("/swagger-ui") || path.startsWith("/v3/api-docs")) {
            return new Route(edgeAdmin, uri);
        }
        if (path.equals("/.well-known/jwks.json")) {
            return new Route(orchestrator, uri);
        }
        if (!path.startsWith("/api/")) {
            return null;
        }
        String versioned = path.startsWith("/api/v1/") || path.equals("/api/health/probe")
                ? path
                : "/api/v1/" + path.substring("/api/".length());
        if (versioned.equals("/api/health/probe") || versioned.equals("/api/v1/health/probe")) {
            return new Route(edgeAdmin, versioned + suffix);
        }
        if (matches(versioned, "/api/v1/catalog")) {
            return new Route(catalog, versioned + suffix);
        }
        if (matches(versioned, "/api/v1/reverse-proxy")) {
            return new Route(edgeAdmin, versioned + suffix);
        }
        var perHost = PER_HOST_REVERSE_PROXY.matcher(versioned);
        if (perHost.matches()) {
            // The edge is the fleet's one reverse proxy: the reference's per-host variants manage its configuration.
            return new Route(
                    edgeAdmin, "/api/v1/reverse-proxy" + (perHost.group(1) == null ? "" : perHost.group(1)) + suffix);
        }
        return new Route(orchestrator, versioned + suffix);
    }

    private static boolean matches(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
