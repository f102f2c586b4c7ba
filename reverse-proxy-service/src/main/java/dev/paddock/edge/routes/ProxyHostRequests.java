package dev.paddock.edge.routes;

import dev.paddock.edge.routes.ProxyHost.Access;
import dev.paddock.edge.routes.ProxyHost.Cors;
import dev.paddock.edge.routes.ProxyHost.Tls;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Request bodies of the reverse-proxy API, in the reference's shapes (plus {@code access}). */
public final class ProxyHostRequests {

    private ProxyHostRequests() {}

    /** {@code ReverseProxyHostCreateRequest}. */
    public record CreateHost(
            @Nullable String name,
            @Nullable String host,
            @Nullable Integer port,
            @Nullable Tls tls,
            @Nullable Cors cors,
            @Nullable Access access,
            @Nullable List<HttpRouteRequest> httpRoutes,
            @Nullable TcpRouteRequest tcpRoute) {}

    /** {@code ReverseProxyHostUpdateRequest}: the listener and its settings; routes have their own operations. */
    public record UpdateHost(
            @Nullable String name,
            @Nullable String host,
            @Nullable Integer port,
            @Nullable Tls tls,
            @Nullable Cors cors,
            @Nullable Access access) {}

    /** {@code ReverseProxyHostHttpRouteCreateRequest}; with the id of an existing route it replaces that route. */
    public record HttpRouteRequest(
            @Nullable String id,
            @Nullable Integer order,
            @Nullable String path,
            @Nullable String pattern,
            @Nullable String schema,
            @Nullable String targetHost,
            @Nullable Integer targetPort,
            @Nullable String targetVmId,
            @Nullable Map<String, String> requestHeaders,
            @Nullable Map<String, String> responseHeaders) {}

    /** {@code ReverseProxyHostTcpRouteCreateRequest}. */
    public record TcpRouteRequest(
            @Nullable String targetHost,
            @Nullable Integer targetPort,
            @Nullable String targetVmId) {}

    /** {@code ReverseProxyHostHttpRouteReorderRequest}. */
    public record Reorder(@Nullable String id, @Nullable Integer order) {}
}
