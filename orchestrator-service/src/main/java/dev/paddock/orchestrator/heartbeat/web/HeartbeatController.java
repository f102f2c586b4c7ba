package dev.paddock.orchestrator.heartbeat.web;

import dev.paddock.contracts.fleet.FleetApi;
import dev.paddock.contracts.fleet.VmEvent;
import dev.paddock.orchestrator.heartbeat.Heartbeats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What enrolled agents push, proven with the secret they received at enrollment ({@code X-Paddock-Host-Secret}).
 * Heartbeats themselves are served by {@link HeartbeatEndpoint}, ahead of the MVC stack.
 */
@RestController
@Tag(name = "Agent push")
class HeartbeatController {

    private final Heartbeats heartbeats;

    HeartbeatController(Heartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    @PostMapping(FleetApi.HOSTS + "/{id}/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @SecurityRequirements
    @Operation(summary = "VM events an agent relays from Parallels Desktop")
    void events(
            @PathVariable UUID id,
            @RequestHeader(name = FleetApi.HOST_SECRET, required = false) @Nullable String secret,
            @RequestBody List<VmEvent> events) {
        heartbeats.events(id, secret, events);
    }
}
