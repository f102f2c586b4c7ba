package dev.paddock.edge.routes.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.edge.routes.LiveRoutes;
import dev.paddock.edge.routes.ProxyHost;
import dev.paddock.edge.routes.ProxyHostRequests.CreateHost;
import dev.paddock.edge.routes.ProxyHostRequests.HttpRouteRequest;
import dev.paddock.edge.routes.ProxyHostRequests.Reorder;
import dev.paddock.edge.routes.ProxyHostRequests.TcpRouteRequest;
import dev.paddock.edge.routes.ProxyHostRequests.UpdateHost;
import dev.paddock.edge.routes.ProxyHosts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reference's reverse-proxy API. The edge is the fleet's one reverse proxy, so the orchestrator's per-host
 * variants ({@code /orchestrator/hosts/{id}/reverse-proxy/...}, routed here by the front door) manage the same
 * configuration. Changes apply on this replica before the call returns and on the others within a refresh interval.
 */
@RestController
@RequestMapping("/api/v1/reverse-proxy")
@Tag(name = "Reverse proxy")
class ReverseProxyController {

    private final ProxyHosts hosts;
    private final LiveRoutes live;

    ReverseProxyController(ProxyHosts hosts, LiveRoutes live) {
        this.hosts = hosts;
        this.live = live;
    }

    @GetMapping
    @RequiresClaims(Claims.CONFIGURE_REVERSE_PROXY)
    ProxyHosts.Status status() {
        return hosts.status();
    }

    @PutMapping("/enable")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.CONFIGURE_REVERSE_PROXY)
    void enable() {
        applied(() -> {
            hosts.setEnabled(true);
            return null;
        });
    }

    @PutMapping("/disable")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.CONFIGURE_REVERSE_PROXY)
    void disable() {
        applied(() -> {
            hosts.setEnabled(false);
            return null;
        });
    }

    @PutMapping("/restart")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.CONFIGURE_REVERSE_PROXY)
    @Operation(summary = "Rebuild every replica's routes and listeners from the stored configuration")
    void restart() {
        applied(() -> {
            hosts.restart();
            return null;
        });
    }

    @GetMapping("/hosts")
    @RequiresClaims(Claims.LIST_REVERSE_PROXY_HOSTS)
    List<ProxyHost> list() {
        return hosts.list();
    }

    @PostMapping("/hosts")
    @RequiresClaims(Claims.CREATE_REVERSE_PROXY_HOST)
    ProxyHost create(@RequestBody CreateHost request) {
        return applied(() -> hosts.create(request));
    }

    @GetMapping("/hosts/{id}")
    @RequiresClaims(Claims.LIST_REVERSE_PROXY_HOSTS)
    ProxyHost get(@PathVariable String id) {
        return hosts.get(id);
    }

    @PutMapping("/hosts/{id}")
    @RequiresClaims(Claims.UPDATE_REVERSE_PROXY_HOST)
    ProxyHost update(@PathVariable String id, @RequestBody UpdateHost request) {
        return applied(() -> hosts.update(id, request));
    }

    @DeleteMapping("/hosts/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.DELETE_REVERSE_PROXY_HOST)
    void delete(@PathVariable String id) {
        applied(() -> {
            hosts.delete(id);
            return null;
        });
    }

    @PostMapping({"/hosts/{id}/http_routes", "/hosts/{id}/http_route"})
    @RequiresClaims(Claims.UPDATE_REVERSE_PROXY_HOST_HTTP_ROUTE)
    @Operation(summary = "Add an HTTP route, or replace the route with the given id")
    ProxyHost upsertHttpRoute(@PathVariable String id, @RequestBody HttpRouteRequest request) {
        return applied(() -> hosts.upsertHttpRoute(id, request));
    }

    @PutMapping("/hosts/{id}/http_routes/order")
    @RequiresClaims(Claims.UPDATE_REVERSE_PROXY_HOST_HTTP_ROUTE)
    ProxyHost reorder(@PathVariable String id, @RequestBody List<Reorder> request) {
        return applied(() -> hosts.reorder(id, request));
    }

    @DeleteMapping("/hosts/{id}/http_routes/{routeId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.DELETE_REVERSE_PROXY_HOST_HTTP_ROUTE)
    void deleteHttpRoute(@PathVariable String id, @PathVariable String routeId) {
        applied(() -> {
            hosts.deleteHttpRoute(id, routeId);
            return null;
        });
    }

    @PostMapping("/hosts/{id}/tcp_route")
    @RequiresClaims(Claims.UPDATE_REVERSE_PROXY_HOST_TCP_ROUTE)
    ProxyHost setTcpRoute(@PathVariable String id, @RequestBody TcpRouteRequest request) {
        return applied(() -> hosts.setTcpRoute(id, request));
    }

    /** Runs a change, then serves it on this replica before answering. */
    private <T> T applied(Supplier<T> change) {
        T result = change.get();
        live.refresh();
        return result;
    }
}
