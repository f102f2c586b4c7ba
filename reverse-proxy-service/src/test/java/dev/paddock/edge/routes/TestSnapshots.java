package dev.paddock.edge.routes;

import dev.paddock.edge.routes.ProxyHost.Access;
import dev.paddock.edge.routes.ProxyHost.Cors;
import dev.paddock.edge.routes.ProxyHost.HttpRoute;
import dev.paddock.edge.routes.ProxyHost.Tls;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Route configurations for fast tests, compiled as the edge compiles them. */
public final class TestSnapshots {

    /** The front door's port in these snapshots. */
    public static final int FRONT_DOOR = 8080;

    private TestSnapshots() {}

    public static RouteSnapshot of(ProxyHost... hosts) {
        return RouteSnapshot.compile(true, 1, List.of(hosts), FRONT_DOOR);
    }

    public static RouteSnapshot disabled(ProxyHost... hosts) {
        return RouteSnapshot.compile(false, 1, List.of(hosts), FRONT_DOOR);
    }

    public static ProxyHost host(String name, String hostname, int port, HttpRoute... routes) {
        return new ProxyHost(
                name, name, hostname, port, new Tls(false), Cors.off(), Access.open(), List.of(routes), null);
    }

    public static HttpRoute route(String id, @Nullable String path, @Nullable String pattern) {
        return new HttpRoute(id, 0, path, pattern, "http", "127.0.0.1", 9000, null, Map.of(), Map.of());
    }
}
