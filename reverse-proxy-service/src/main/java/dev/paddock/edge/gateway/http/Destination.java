package dev.paddock.edge.gateway.http;

import dev.paddock.edge.routes.RouteSnapshot.CompiledRoute;
import dev.paddock.edge.routes.RouteSnapshot.ServedHost;
import dev.paddock.edge.vm.RouteFailure;
import org.jspecify.annotations.Nullable;

/** Where {@link Routing} sends a request. An API route is a {@link RouteTable.Route}. */
sealed interface Destination
        permits Destination.HostRoute,
                Destination.VmAddress,
                Destination.ClientTunnel,
                Destination.Refused,
                RouteTable.Route {

    /** A reverse-proxy host, and the first of its routes that matches the path (null: none does). */
    record HostRoute(ServedHost served, @Nullable CompiledRoute route, String path) implements Destination {}

    /** {@code <vm>.<vm-domain>} (port 80) or {@code <vm>--<port>.<vm-domain>}. */
    record VmAddress(String hostname, String vm, int port) implements Destination {}

    /** A client's own tunnel to a guest port. */
    record ClientTunnel(String vm, int port) implements Destination {}

    /** Nowhere: the edge answers {@code failure}, closing the connection unless {@code keepAlive}. */
    record Refused(RouteFailure failure, boolean keepAlive) implements Destination {}
}
