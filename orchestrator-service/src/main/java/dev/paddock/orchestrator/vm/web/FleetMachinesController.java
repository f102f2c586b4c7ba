package dev.paddock.orchestrator.vm.web;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.common.security.RequiresClaims.Match;
import dev.paddock.contracts.fleet.VmRoute;
import dev.paddock.orchestrator.host.Hosts;
import dev.paddock.orchestrator.vm.FleetMachines;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fleet's VMs: {@code /orchestrator/machines/...} finds a VM anywhere, {@code /orchestrator/hosts/{host}/machines/...}
 * on one host. The reference's host API ({@code /machines/...}) is served the same way, so a client written for one Mac
 * works against the whole fleet as if it were one big host. Bodies are the reference host API's and pass through to
 * the agent unchanged. Each operation takes the orchestrator's claim or the host API's ({@code LIST} or
 * {@code LIST_VM}, ...): a client written for one Mac holds the latter. Forwarded operations are checked again by the
 * agent, with the caller's own token.
 */
@RestController
@RequestMapping({"/api/v1/orchestrator/machines", "/api/v1/orchestrator/hosts/{host}/machines", "/api/v1/machines"})
@Tag(name = "Fleet machines")
class FleetMachinesController {

    private final FleetMachines machines;
    private final Hosts hosts;

    FleetMachinesController(FleetMachines machines, Hosts hosts) {
        this.machines = machines;
        this.hosts = hosts;
    }

    @GetMapping
    @RequiresClaims(
            value = {Claims.LIST, Claims.LIST_VM},
            match = Match.ANY)
    @Operation(
            summary =
                    "Every VM of the fleet (or of one host) with host_id, host_name, host_state; X-No-Cache: true re-lists the hosts first")
    void list(
            @PathVariable(required = false) @Nullable String host,
            @RequestHeader(name = "X-No-Cache", required = false, defaultValue = "false") boolean noCache,
            HttpServletResponse response)
            throws IOException {
        UUID onlyHost = hostId(host);
        // Written as the rows arrive: the list of a large fleet is never held in memory as objects.
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        machines.list(noCache, onlyHost, CurrentCaller.require(), response.getOutputStream());
    }

    @GetMapping("/{id}")
    @RequiresClaims(
            value = {Claims.LIST, Claims.LIST_VM},
            match = Match.ANY)
    ObjectNode get(@PathVariable(required = false) @Nullable String host, @PathVariable String id) {
        return machines.get(id, hostId(host));
    }

    @GetMapping("/{id}/route")
    @RequiresClaims(Claims.CONFIGURE_REVERSE_PROXY)
    @Operation(summary = "Where the edge reaches the VM's guest ports: its host's agent, and the VM's state")
    VmRoute route(@PathVariable(required = false) @Nullable String host, @PathVariable String id) {
        return machines.routeTarget(id, hostId(host));
    }

    @GetMapping("/{id}/status")
    @RequiresClaims(
            value = {Claims.LIST, Claims.LIST_VM},
            match = Match.ANY)
    Map<String, String> status(@PathVariable(required = false) @Nullable String host, @PathVariable String id) {
        ObjectNode vm = machines.get(id, hostId(host));
        return Map.of(
                "id",
                vm.path("ID").asString(),
                "status",
                vm.path("State").asString(),
                "ip_configured",
                vm.path("internal_ip_address").asString("-"));
    }

    // GET too: the reference serves both, and its Postman collection and web UI use GET.
    @RequestMapping(
            value = "/{id}/{operation:start|stop|restart|suspend|resume|pause|reset}",
            method = {RequestMethod.PUT, RequestMethod.GET})
    @RequiresClaims(Claims.UPDATE_VM_STATES)
    @Operation(
            summary =
                    "Change a VM's power state; starting needs room on its host (CPU, memory, at most 2 running macOS VMs)")
    Map<String, Object> power(
            @PathVariable(required = false) @Nullable String host,
            @PathVariable String id,
            @PathVariable String operation,
            @RequestParam(name = "force", defaultValue = "false") boolean force) {
        return machines.power(id, hostId(host), operation, force);
    }

    @PutMapping("/{id}/{operation:rename|set|clone}")
    @RequiresClaims(
            value = {Claims.UPDATE, Claims.UPDATE_VM},
            match = Match.ANY)
    JsonNode change(
            @PathVariable(required = false) @Nullable String host,
            @PathVariable String id,
            @PathVariable String operation,
            @RequestBody JsonNode body) {
        return machines.forward(id, hostId(host), HttpMethod.PUT, operation, body);
    }

    @PutMapping("/{id}/execute")
    @RequiresClaims(Claims.EXECUTE_COMMAND_VM)
    JsonNode execute(
            @PathVariable(required = false) @Nullable String host,
            @PathVariable String id,
            @RequestBody JsonNode body) {
        return machines.forward(id, hostId(host), HttpMethod.PUT, "execute", body);
    }

    /**
     * The agent's answer is copied on as it arrives and flushed after every read, on the request's own (virtual)
     * thread, so each line of output reaches the caller while the command still runs.
     */
    @PutMapping(value = "/{id}/execute/stream", produces = "application/x-ndjson")
    @RequiresClaims(Claims.EXECUTE_COMMAND_VM)
    @Operation(
            summary = "Paddock: run a command and stream its output as it comes, one JSON object a line: "
                    + "{\"stream\": \"stdout\"|\"stderr\", \"data\": line} then {\"exit_code\": n}")
    void executeStreaming(
            @PathVariable(required = false) @Nullable String host,
            @PathVariable String id,
            @RequestBody JsonNode body,
            HttpServletResponse response)
            throws IOException {
        try (InputStream answer = machines.executeStreaming(id, hostId(host), body)) {
            response.setContentType("application/x-ndjson");
            byte[] buffer = new byte[8192];
            int read;
            while ((read = answer.read(buffer)) >= 0) {
                response.getOutputStream().write(buffer, 0, read);
                response.flushBuffer();
            }
        }
    }

    @PostMapping("/register")
    @RequiresClaims(Claims.CREATE_VM)
    @Operation(
            summary = "Register a VM bundle that lies on one host: POST /orchestrator/hosts/{host}/machines/register")
    JsonNode register(@PathVariable(required = false) @Nullable String host, @RequestBody JsonNode body) {
        UUID onlyHost = hostId(host);
        if (onlyHost == null) {
            throw ProblemException.badRequest(
                    "host-required",
                    "A VM bundle lies on one Mac: register it there with"
                            + " POST /api/v1/orchestrator/hosts/{host}/machines/register.");
        }
        return machines.register(onlyHost, body);
    }

    @PostMapping("/{id}/upload")
    @RequiresClaims(Claims.UPDATE_VM)
    @Operation(summary = "Copy a file from the VM's host into the running guest (the reference's upload)")
    JsonNode upload(
            @PathVariable(required = false) @Nullable String host,
            @PathVariable String id,
            @RequestBody JsonNode body) {
        return machines.forward(id, hostId(host), HttpMethod.POST, "upload", body);
    }

    @PostMapping("/{id}/unregister")
    @RequiresClaims(Claims.UPDATE_VM)
    JsonNode unregister(
            @PathVariable(required = false) @Nullable String host,
            @PathVariable String id,
            @RequestBody(required = false) @Nullable JsonNode body) {
        return machines.forward(id, hostId(host), HttpMethod.POST, "unregister", body);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(
            value = {Claims.DELETE, Claims.DELETE_VM},
            match = Match.ANY)
    void delete(@PathVariable(required = false) @Nullable String host, @PathVariable String id) {
        machines.forward(id, hostId(host), HttpMethod.DELETE, "", null);
    }

    @GetMapping("/{id}/snapshots")
    @RequiresClaims(
            value = {Claims.LIST_SNAPSHOT_VM, Claims.LIST_OWN_SNAPSHOT_VM},
            match = Match.ANY)
    JsonNode snapshots(@PathVariable(required = false) @Nullable String host, @PathVariable String id) {
        return machines.forward(id, hostId(host), HttpMethod.GET, "snapshots", null);
    }

    @PostMapping("/{id}/snapshots")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(
            value = {Claims.CREATE_SNAPSHOT_VM, Claims.CREATE_OWN_SNAPSHOT_VM},
            match = Match.ANY)
    JsonNode createSnapshot(
            @PathVariable(required = false) @Nullable String host,
            @PathVariable String id,
            @RequestBody(required = false) @Nullable JsonNode body) {
        return machines.forward(id, hostId(host), HttpMethod.POST, "snapshots", body);
    }

    @DeleteMapping("/{id}/snapshots")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(
            value = {Claims.DELETE_ALL_SNAPSHOTS_VM, Claims.DELETE_ALL_OWN_SNAPSHOTS_VM},
            match = Match.ANY)
    void deleteSnapshots(@PathVariable(required = false) @Nullable String host, @PathVariable String id) {
        machines.forward(id, hostId(host), HttpMethod.DELETE, "snapshots", null);
    }

    @DeleteMapping("/{id}/snapshots/{snapshot}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(
            value = {Claims.DELETE_SNAPSHOT_VM, Claims.DELETE_OWN_SNAPSHOT_VM},
            match = Match.ANY)
    void deleteSnapshot(
            @PathVariable(required = false) @Nullable String host,
            @PathVariable String id,
            @PathVariable String snapshot,
            @RequestBody(required = false) @Nullable JsonNode body) {
        machines.forward(id, hostId(host), HttpMethod.DELETE, "snapshots/" + snapshot, body);
    }

    @PostMapping("/{id}/snapshots/{snapshot}/revert")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(
            value = {Claims.REVERT_SNAPSHOT_VM, Claims.REVERT_OWN_SNAPSHOT_VM},
            match = Match.ANY)
    JsonNode revert(
            @PathVariable(required = false) @Nullable String host,
            @PathVariable String id,
            @PathVariable String snapshot,
            @RequestBody(required = false) @Nullable JsonNode body) {
        return machines.forward(id, hostId(host), HttpMethod.POST, "snapshots/" + snapshot + "/revert", body);
    }

    private @Nullable UUID hostId(@Nullable String host) {
        return host == null ? null : hosts.visibleSummary(host).id();
    }
}
