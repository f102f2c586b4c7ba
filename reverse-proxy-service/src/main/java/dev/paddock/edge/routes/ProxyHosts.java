package dev.paddock.edge.routes;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.edge.routes.ProxyHost.Access;
import dev.paddock.edge.routes.ProxyHost.Cors;
import dev.paddock.edge.routes.ProxyHost.HttpRoute;
import dev.paddock.edge.routes.ProxyHost.TcpRoute;
import dev.paddock.edge.routes.ProxyHost.Tls;
import dev.paddock.edge.routes.ProxyHostRequests.CreateHost;
import dev.paddock.edge.routes.ProxyHostRequests.HttpRouteRequest;
import dev.paddock.edge.routes.ProxyHostRequests.Reorder;
import dev.paddock.edge.routes.ProxyHostRequests.TcpRouteRequest;
import dev.paddock.edge.routes.ProxyHostRequests.UpdateHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reverse-proxy API's rules. Everything is checked before anything is stored — names, hostnames, ports, targets,
 * patterns, claims — so a bad request changes nothing; a change is one transaction that bumps the generation every
 * edge replica watches, so it is served everywhere within a refresh interval, without restarts.
 */
@Service
public class ProxyHosts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final Set<String> CLAIMS =
            Claims.ALL.stream().map(Claims.ClaimDefinition::name).collect(Collectors.toSet());

    private final ProxyHostStore store;
    private final ReservedPorts reservedPorts;
    private final Clock clock;

    ProxyHosts(ProxyHostStore store, ReservedPorts reservedPorts, Clock clock) {
        this.store = store;
        this.reservedPorts = reservedPorts;
        this.clock = clock;
    }

    /**
     * The reference's {@code ReverseProxy}: whether routes are served, and where the front door listens; plus the
     * domain under which VMs have their own names.
     */
    public record Status(boolean enabled, String host, int port, String vmDomain) {}

    @Transactional(readOnly = true)
    public Status status() {
        return new Status(
                store.configuration().enabled(),
                reservedPorts.bindAddress(),
                reservedPorts.frontDoor(),
                reservedPorts.vmDomain());
    }

    @Transactional
    public void setEnabled(boolean enabled) {
        store.lockForChange();
        store.setEnabled(enabled, clock.instant());
    }

    @Transactional
    public void restart() {
        store.lockForChange();
        store.bump(clock.instant());
    }

    @Transactional(readOnly = true)
    public List<ProxyHost> list() {
        return store.all();
    }

    @Transactional(readOnly = true)
    public ProxyHost get(String idOrName) {
        return find(idOrName);
    }

    @Transactional
    public ProxyHost create(CreateHost request) {
        store.lockForChange();
        Integer port = request.port() == null ? 0 : request.port();
        String host = listenerHost(request.host(), port);
        String name = request.name() == null || request.name().isBlank() ? defaultName(host, port) : request.name();
        List<HttpRoute> routes = new ArrayList<>();
        if (request.httpRoutes() != null) {
            for (HttpRouteRequest route : request.httpRoutes()) {
                routes.add(httpRoute(route, null, routes.size()));
            }
        }
        TcpRoute tcp = request.tcpRoute() == null ? null : tcpRoute(request.tcpRoute(), null);
        ProxyHost created = new ProxyHost(
                UUID.randomUUID().toString(),
                name,
                host,
                port,
                tls(request.tls()),
                cors(request.cors()),
                access(request.access()),
                sorted(routes),
                tcp);
        check(created, null);
        store.insert(created, clock.instant());
        return created;
    }

    @Transactional
    public ProxyHost update(String idOrName, UpdateHost request) {
        store.lockForChange();
        ProxyHost current = find(idOrName);
        int port = request.port() == null ? current.port() : request.port();
        String host = request.host() == null ? current.host() : listenerHost(request.host(), port);
        ProxyHost updated = new ProxyHost(
                current.id(),
                request.name() == null || request.name().isBlank() ? current.name() : request.name(),
                host,
                port,
                request.tls() == null ? current.tls() : tls(request.tls()),
                request.cors() == null ? current.cors() : cors(request.cors()),
                request.access() == null ? current.access() : access(request.access()),
                current.httpRoutes(),
                current.tcpRoute());
        check(updated, current);
        store.update(updated, clock.instant());
        return updated;
    }

    @Transactional
    public void delete(String idOrName) {
        store.lockForChange();
        store.delete(UUID.fromString(find(idOrName).id()), clock.instant());
    }

    /** Adds a route, or replaces the route with the request's id. */
    @Transactional
    public ProxyHost upsertHttpRoute(String idOrName, HttpRouteRequest request) {
        store.lockForChange();
        ProxyHost current = find(idOrName);
        List<HttpRoute> routes = new ArrayList<>(current.httpRoutes());
        HttpRoute existing = request.id() == null
                ? null
                : routes.stream()
                        .filter(route -> route.id().equals(request.id()))
                        .findFirst()
                        .orElse(null);
        int nextOrder = routes.stream().mapToInt(HttpRoute::order).max().orElse(-1) + 1;
        HttpRoute route = httpRoute(request, existing, existing == null ? nextOrder : existing.order());
        if (existing != null) {
            routes.set(routes.indexOf(existing), route);
        } else {
            routes.add(route);
        }
        ProxyHost updated = current.withRoutes(sorted(routes), current.tcpRoute());
        check(updated, current);
        store.update(updated, clock.instant());
        return updated;
    }

    @Transactional
    public ProxyHost reorder(String idOrName, List<Reorder> orders) {
        store.lockForChange();
        ProxyHost current = find(idOrName);
        Map<String, Integer> wanted = new HashMap<>();
        for (Reorder order : orders) {
            if (order.id() == null || order.order() == null) {
                throw ProblemException.badRequest("invalid-order", "Each entry needs an id and an order.");
            }
            if (current.httpRoutes().stream().noneMatch(route -> route.id().equals(order.id()))) {
                throw ProblemException.badRequest(
                        "route-not-found", "Host '" + current.name() + "' has no HTTP route " + order.id() + ".");
            }
            wanted.put(order.id(), order.order());
        }
        List<HttpRoute> routes = current.httpRoutes().stream()
                .map(route -> wanted.containsKey(route.id()) ? withOrder(route, wanted.get(route.id())) : route)
                .toList();
        ProxyHost updated = current.withRoutes(sorted(routes), current.tcpRoute());
        store.update(updated, clock.instant());
        return updated;
    }

    @Transactional
    public void deleteHttpRoute(String idOrName, String routeId) {
        store.lockForChange();
        ProxyHost current = find(idOrName);
        List<HttpRoute> routes = current.httpRoutes().stream()
                .filter(route -> !route.id().equals(routeId))
                .toList();
        if (routes.size() == current.httpRoutes().size()) {
            throw ProblemException.notFound(
                    "route-not-found", "Host '" + current.name() + "' has no HTTP route " + routeId + ".");
        }
        store.update(current.withRoutes(routes, current.tcpRoute()), clock.instant());
    }

    @Transactional
    public ProxyHost setTcpRoute(String idOrName, TcpRouteRequest request) {
        store.lockForChange();
        ProxyHost current = find(idOrName);
        String id = current.tcpRoute() == null ? null : current.tcpRoute().id();
        ProxyHost updated = current.withRoutes(current.httpRoutes(), tcpRoute(request, id));
        check(updated, current);
        store.update(updated, clock.instant());
        return updated;
    }

    // ---- rules

    private ProxyHost find(String idOrName) {
        UUID id = asUuid(idOrName);
        return (id == null ? store.findByName(idOrName) : store.find(id))
                .orElseThrow(() ->
                        ProblemException.notFound("proxy-host-not-found", "No reverse-proxy host '" + idOrName + "'."));
    }

    /** Rules about the whole host and its neighbours; {@code previous} is the host as stored before an update. */
    private void check(ProxyHost host, @Nullable ProxyHost previous) {
        if (!NAME.matcher(host.name()).matches()) {
            throw ProblemException.badRequest(
                    "invalid-name",
                    "Name '" + host.name()
                            + "' must be 1–63 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (host.port() < 0 || host.port() > 65_535) {
            throw ProblemException.badRequest("invalid-port", "Port " + host.port() + " is not in 0..65535.");
        }
        boolean ownListener = host.hasOwnListener(reservedPorts.frontDoor());
        if (host.tcpRoute() != null && !host.httpRoutes().isEmpty()) {
            throw ProblemException.badRequest(
                    "tcp-and-http", "A host has either HTTP routes or one TCP route, not both; use two hosts.");
        }
        if (host.tcpRoute() != null && !ownListener) {
            throw ProblemException.badRequest(
                    "tcp-route-needs-port",
                    "A TCP route needs a port of its own to listen on (not 0 or the front door's "
                            + reservedPorts.frontDoor() + ").");
        }
        for (ProxyHost other : store.all()) {
            if (other.id().equals(host.id())) {
                continue;
            }
            if (other.name().equalsIgnoreCase(host.name())) {
                throw ProblemException.conflict(
                        "name-taken", "A reverse-proxy host is already named '" + host.name() + "'.");
            }
            if (!ownListener
                    && !other.hasOwnListener(reservedPorts.frontDoor())
                    && other.host().equals(host.host())) {
                throw ProblemException.conflict(
                        "hostname-taken",
                        "Host '" + other.name() + "' already serves " + host.host() + " on the front door.");
            }
            if (ownListener && other.port() == host.port()) {
                throw ProblemException.conflict(
                        "port-taken", "Host '" + other.name() + "' already listens on port " + host.port() + ".");
            }
        }
        if (ownListener && (previous == null || previous.port() != host.port())) {
            requireFreePort(host.port());
        }
    }

    private void requireFreePort(int port) {
        if (reservedPorts.isReserved(port)) {
            throw ProblemException.conflict(
                    "port-reserved", "Port " + port + " is one of the edge's own ports; choose another.");
        }
        // This replica must be able to listen there; others report a port they cannot bind in their logs.
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(reservedPorts.bindAddress(), port));
        } catch (IOException e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "port-unavailable",
                    "Port unavailable",
                    "The edge cannot listen on port " + port + " (" + e.getMessage()
                            + "); another program uses it or it needs privileges.");
        }
    }

    private String listenerHost(@Nullable String requested, int port) {
        boolean ownListener = port != 0 && port != reservedPorts.frontDoor();
        if (requested == null || requested.isBlank()) {
            if (ownListener) {
                return "0.0.0.0";
            }
            throw ProblemException.badRequest(
                    "missing-host",
                    "Give the hostname clients use (for example app." + reservedPorts.vmDomain()
                            + "), or a port for a listener of its own.");
        }
        String host = requested.trim().toLowerCase(Locale.ROOT);
        if (ownListener) {
            return host;
        }
        if (!HOSTNAME.matcher(host).matches() || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            throw ProblemException.badRequest(
                    "invalid-host",
                    "'" + requested + "' is not a hostname. Hosts on the front door are chosen by hostname; give a"
                            + " port to listen on an address of its own instead.");
        }
        return host;
    }

    private static String defaultName(String host, int port) {
        String base = port == 0 ? host : host.replace("0.0.0.0", "port") + "-" + port;
        return base.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static Tls tls(@Nullable Tls requested) {
        if (requested != null && requested.enabled()) {
            throw ProblemException.badRequest(
                    "per-host-tls-unsupported",
                    "Per-host certificates are not supported: the edge terminates TLS for every host with its own"
                            + " certificate (paddock.edge.tls.*). Leave tls.enabled false.");
        }
        return new Tls(false);
    }

    private static Cors cors(@Nullable Cors requested) {
        if (requested == null) {
            return Cors.off();
        }
        return new Cors(
                requested.enabled(),
                requested.allowedOrigins(),
                requested.allowedMethods().stream()
                        .map(method -> method.toUpperCase(Locale.ROOT))
                        .toList(),
                requested.allowedHeaders());
    }

    private static Access access(@Nullable Access requested) {
        if (requested == null) {
            return Access.open();
        }
        String mode = requested.mode() != null
                ? requested.mode().toLowerCase(Locale.ROOT)
                : requested.requiredClaims().isEmpty() ? Access.PUBLIC : Access.AUTHENTICATED;
        if (!mode.equals(Access.PUBLIC) && !mode.equals(Access.AUTHENTICATED)) {
            throw ProblemException.badRequest(
                    "invalid-access", "access.mode is 'public' or 'authenticated', not '" + requested.mode() + "'.");
        }
        for (String claim : requested.requiredClaims()) {
            if (!CLAIMS.contains(claim)) {
                throw ProblemException.badRequest("unknown-claim", "access.required_claims: no claim '" + claim + "'.");
            }
        }
        if (mode.equals(Access.PUBLIC) && !requested.requiredClaims().isEmpty()) {
            throw ProblemException.badRequest(
                    "invalid-access", "A public host cannot require claims; use mode 'authenticated'.");
        }
        return new Access(mode, requested.requiredClaims());
    }

    private static HttpRoute httpRoute(HttpRouteRequest request, @Nullable HttpRoute existing, int defaultOrder) {
        String schema = request.schema() == null || request.schema().isBlank()
                ? "http"
                : request.schema().toLowerCase(Locale.ROOT);
        if (!schema.equals("http")) {
            throw ProblemException.badRequest(
                    "unsupported-schema",
                    "Routes forward plain HTTP (schema 'http'); '" + request.schema() + "' is not supported.");
        }
        Target target = target(request.targetHost(), request.targetPort(), request.targetVmId(), 80);
        String path = request.path() == null || request.path().isBlank() ? null : request.path();
        if (path != null && !path.startsWith("/")) {
            throw ProblemException.badRequest("invalid-path", "path must start with '/': '" + path + "'.");
        }
        String pattern = request.pattern() == null || request.pattern().isBlank() ? null : request.pattern();
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw ProblemException.badRequest(
                        "invalid-pattern", "pattern is not a valid regular expression: " + e.getDescription() + ".");
            }
        }
        return new HttpRoute(
                existing == null ? UUID.randomUUID().toString() : existing.id(),
                request.order() == null ? defaultOrder : request.order(),
                path,
                pattern,
                schema,
                target.host(),
                target.port(),
                target.vm(),
                headers(request.requestHeaders(), "request_headers"),
                headers(request.responseHeaders(), "response_headers"));
    }

    private static TcpRoute tcpRoute(TcpRouteRequest request, @Nullable String id) {
        if (request.targetPort() == null) {
            throw ProblemException.badRequest(
                    "missing-target-port", "A TCP route needs target_port (for example 22 for SSH).");
        }
        Target target = target(request.targetHost(), request.targetPort(), request.targetVmId(), 0);
        return new TcpRoute(id == null ? UUID.randomUUID().toString() : id, target.host(), target.port(), target.vm());
    }

    private record Target(
            @Nullable String host, int port, @Nullable String vm) {}

    private static Target target(@Nullable String host, @Nullable Integer port, @Nullable String vm, int defaultPort) {
        boolean hasHost = host != null && !host.isBlank();
        boolean hasVm = vm != null && !vm.isBlank();
        if (hasHost == hasVm) {
            throw ProblemException.badRequest(
                    "invalid-target",
                    "Give exactly one target: target_vm_id (a VM's id or name) or target_host (an address the edge"
                            + " reaches).");
        }
        int resolvedPort = port == null ? defaultPort : port;
        if (resolvedPort < 1 || resolvedPort > 65_535) {
            throw ProblemException.badRequest(
                    "invalid-target-port", "target_port " + resolvedPort + " is not in 1..65535.");
        }
        return new Target(hasHost ? host.trim() : null, resolvedPort, hasVm ? vm.trim() : null);
    }

    private static Map<String, String> headers(@Nullable Map<String, String> headers, String field) {
        if (headers == null) {
            return Map.of();
        }
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw ProblemException.badRequest("invalid-header", field + ": '" + name + "' is not a header name.");
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw ProblemException.badRequest(
                        "invalid-header", field + ": the value of '" + name + "' is missing or spans lines.");
            }
        });
        return headers;
    }

    private static HttpRoute withOrder(HttpRoute route, int order) {
        return new HttpRoute(
                route.id(),
                order,
                route.path(),
                route.pattern(),
                route.schema(),
                route.targetHost(),
                route.targetPort(),
                route.targetVmId(),
                route.requestHeaders(),
                route.responseHeaders());
    }

    private static List<HttpRoute> sorted(List<HttpRoute> routes) {
        return routes.stream().sorted(Comparator.comparingInt(HttpRoute::order)).toList();
    }

    private static @Nullable UUID asUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
