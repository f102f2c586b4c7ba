package dev.paddock.edge.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A reverse-proxy host, the reference's {@code ReverseProxyHost}: where clients arrive and where their traffic goes.
 * Either HTTP routes (tried by {@code order}, the first whose pattern matches the path wins) or one TCP route.
 *
 * <p>Where clients arrive: with {@code port} 0 (or the front door's port) the host is a virtual host of the front door,
 * chosen by the request's {@code Host} header, so any number of hosts share one port and one certificate. Any other
 * port gets a listener of its own on every edge replica, as in the reference; a TCP route always needs one.
 *
 * @param access who may use the routes (a Paddock extension; reference clients that never send it get public routes,
 *     as they did there)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProxyHost(
        String id,
        String name,
        String host,
        int port,
        Tls tls,
        Cors cors,
        Access access,
        List<HttpRoute> httpRoutes,
        @Nullable TcpRoute tcpRoute) {

    public ProxyHost {
        httpRoutes = List.copyOf(httpRoutes);
    }

    public boolean hasOwnListener(int frontDoorPort) {
        return port != 0 && port != frontDoorPort;
    }

    public ProxyHost withRoutes(List<HttpRoute> routes, @Nullable TcpRoute tcp) {
        return new ProxyHost(id, name, host, port, tls, cors, access, routes, tcp);
    }

    /** Kept for the reference's shape; the edge terminates TLS with its own certificate (paddock.edge.tls). */
    public record Tls(boolean enabled) {}

    /** When enabled, preflight requests are answered by the edge and responses carry the allow headers. */
    public record Cors(
            boolean enabled, List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
            allowedMethods = allowedMethods == null ? List.of() : List.copyOf(allowedMethods);
            allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
        }

        static Cors off() {
            return new Cors(false, List.of(), List.of(), List.of());
        }
    }

    /**
     * @param mode {@code public}: anyone; {@code authenticated}: a Paddock token or API key holding every one of
     *     {@code requiredClaims}
     */
    public record Access(String mode, List<String> requiredClaims) {

        public static final String PUBLIC = "public";
        public static final String AUTHENTICATED = "authenticated";

        public Access {
            requiredClaims = requiredClaims == null ? List.of() : List.copyOf(requiredClaims);
        }

        public boolean isPublic() {
            return PUBLIC.equals(mode);
        }

        static Access open() {
            return new Access(PUBLIC, List.of());
        }
    }

    /**
     * @param pattern regular expression matched against the request path; defaults to the path as a prefix
     * @param targetVmId a VM (id or name) anywhere in the fleet: reached through its host's agent
     * @param targetHost or a plain upstream address the edge can reach
     * @param requestHeaders set on requests before they are forwarded
     * @param responseHeaders set on responses before they reach the client
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HttpRoute(
            String id,
            int order,
            @Nullable String path,
            @Nullable String pattern,
            String schema,
            @Nullable String targetHost,
            int targetPort,
            @Nullable String targetVmId,
            Map<String, String> requestHeaders,
            Map<String, String> responseHeaders) {

        public HttpRoute {
            requestHeaders = Map.copyOf(requestHeaders);
            responseHeaders = Map.copyOf(responseHeaders);
        }
    }

    /** A listener port piped to a VM's guest port (SSH, VNC, RDP…) or to a plain upstream address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TcpRoute(
            String id,
            @Nullable String targetHost,
            int targetPort,
            @Nullable String targetVmId) {}
}
