package dev.paddock.edge.vm;

import dev.paddock.common.client.ServiceClient;
import dev.paddock.contracts.fleet.FleetApi;
import dev.paddock.contracts.fleet.VmRoute;
import dev.paddock.edge.EdgeProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Where a VM lives, as the orchestrator knows it, asked on a virtual thread (never on an event loop) and remembered for
 * {@code vm-cache-ttl}, so a VM that moved or was recreated is found again within seconds. The gateway forgets an entry
 * when the agent refuses a tunnel, so the next connection asks afresh.
 */
@Component
public class VmLocator {

    /**
     * @param agent base URL of the agent of the VM's host
     * @param token the edge's token, valid for the tunnel that follows
     */
    public record Location(String vmId, String vmName, String hostName, URI agent, String token) {}

    private record Cached(Location location, Instant until) {}

    private final RestClient orchestrator;
    private final EdgeIdentity identity;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    VmLocator(RestClient.Builder builder, EdgeProperties properties, EdgeIdentity identity, Clock clock) {
        this.orchestrator = ServiceClient.shared(builder.clone(), Duration.ofSeconds(10))
                .mutate()
                .baseUrl(properties.upstreams().orchestrator().toString())
                .build();
        this.identity = identity;
        this.ttl = properties.vmCacheTtl();
        this.clock = clock;
    }

    /** Completes with the VM's location, or exceptionally with a {@link RouteFailure}. */
    public CompletableFuture<Location> locate(String vm) {
        Cached cached = cache.get(vm);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return CompletableFuture.completedFuture(cached.location());
        }
        return CompletableFuture.supplyAsync(() -> ask(vm), lookups);
    }

    public void forget(String vm) {
        cache.remove(vm);
    }

    private Location ask(String vm) {
        String token = identity.token();
        VmRoute target;
        try {
            target = orchestrator
                    .get()
                    .uri(FleetApi.MACHINE_ROUTE, vm)
                    .headers(headers -> headers.setBearerAuth(token))
                    .retrieve()
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        throw failure(vm, response.getStatusCode().value());
                    })
                    .body(VmRoute.class);
        } catch (ResourceAccessException e) {
            throw new RouteFailure(
                    503,
                    "orchestrator-unreachable",
                    "Orchestrator unreachable",
                    "The edge cannot ask the orchestrator where VM '" + vm + "' is: " + e.getMessage()
                            + ". Try again shortly.");
        }
        if (target == null) {
            throw failure(vm, 502);
        }
        Location location =
                new Location(target.vmId(), target.vmName(), target.hostName(), URI.create(target.agentUrl()), token);
        cache.put(vm, new Cached(location, clock.instant().plus(ttl)));
        return location;
    }

    private static RouteFailure failure(String vm, int status) {
        return switch (status) {
            case 404 ->
                new RouteFailure(
                        404,
                        "vm-not-found",
                        "VM not found",
                        "No VM '" + vm
                                + "' in the fleet. Check the name (paddock vm list) or the route's target_vm_id.");
            case 409 ->
                new RouteFailure(
                        502,
                        "vm-ambiguous",
                        "VM name is ambiguous",
                        "More than one VM is named '" + vm + "'; route to its id instead.");
            case 401, 403 ->
                new RouteFailure(
                        503,
                        "edge-credential-rejected",
                        "Edge credential rejected",
                        "The orchestrator refused the edge's lookup of VM '" + vm + "' (" + status
                                + "); the edge's account needs CONFIGURE_REVERSE_PROXY.");
            default ->
                new RouteFailure(
                        502,
                        "vm-lookup-failed",
                        "VM lookup failed",
                        "The orchestrator answered " + status + " when asked where VM '" + vm
                                + "' is. Try again shortly.");
        };
    }
}
