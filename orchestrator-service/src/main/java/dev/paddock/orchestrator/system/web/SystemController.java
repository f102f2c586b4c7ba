package dev.paddock.orchestrator.system.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.agent.SystemUsage;
import dev.paddock.orchestrator.system.FleetSystem;
import dev.paddock.orchestrator.system.FleetSystem.HealthCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The reference's description of a service, answered for the suite. */
@RestController
@Tag(name = "System")
class SystemController {

    private final FleetSystem system;

    SystemController(FleetSystem system) {
        this.system = system;
    }

    @GetMapping(AgentApi.HARDWARE)
    @RequiresClaims(Claims.LIST)
    @Operation(
            summary =
                    "The fleet as one big host: capacity of the hosts you can see, summed, and the modules served here (enabled_modules)")
    SystemUsage hardware() {
        return system.usage();
    }

    @GetMapping("/api/v1/health/system")
    @Operation(summary = "Whether the orchestrator can work (its database answers), and how many hosts are healthy")
    ResponseEntity<HealthCheck> health() {
        HealthCheck health = system.health();
        return ResponseEntity.status(health.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(health);
    }
}
