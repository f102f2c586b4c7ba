package dev.paddock.orchestrator.scheduling.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.job.JobView;
import dev.paddock.contracts.machine.CreateMachine;
import dev.paddock.contracts.machine.MachineCreated;
import dev.paddock.orchestrator.host.Hosts;
import dev.paddock.orchestrator.scheduling.VmCreation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Fleet machines")
class CreationController {

    private final VmCreation creation;
    private final Hosts hosts;

    CreationController(VmCreation creation, Hosts hosts) {
        this.creation = creation;
        this.hosts = hosts;
    }

    @PostMapping({"/api/v1/orchestrator/machines", "/api/v1/orchestrator/hosts/{host}/machines", "/api/v1/machines"})
    @RequiresClaims(Claims.CREATE_VM)
    @Operation(
            summary =
                    "Create a VM on the best host (or the one named) and wait; 503 lists why each host was passed over")
    MachineCreated create(
            @PathVariable(required = false) @Nullable String host, @Valid @RequestBody CreateMachine request)
            throws Exception {
        return creation.create(request, hostId(host));
    }

    @PostMapping({
        "/api/v1/orchestrator/machines/async",
        "/api/v1/orchestrator/hosts/{host}/machines/async",
        "/api/v1/machines/async"
    })
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.CREATE_VM)
    @Operation(
            summary =
                    "Create a VM as a job: 202 with the job at once; follow it on /api/v1/jobs/{id} or the job_manager channel")
    JobView createAsync(
            @PathVariable(required = false) @Nullable String host, @Valid @RequestBody CreateMachine request) {
        return creation.createAsync(request, hostId(host));
    }

    private @Nullable UUID hostId(@Nullable String host) {
        return host == null ? null : hosts.visibleSummary(host).id();
    }
}
