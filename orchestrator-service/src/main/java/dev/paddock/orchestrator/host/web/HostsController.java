package dev.paddock.orchestrator.host.web;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.fleet.FleetApi;
import dev.paddock.contracts.fleet.RegisterHost;
import dev.paddock.orchestrator.host.HostEnrollment;
import dev.paddock.orchestrator.host.HostViews.CreateEnrollmentToken;
import dev.paddock.orchestrator.host.HostViews.EnrollmentToken;
import dev.paddock.orchestrator.host.HostViews.EnrollmentTokenValidity;
import dev.paddock.orchestrator.host.HostViews.Host;
import dev.paddock.orchestrator.host.HostViews.UpdateHost;
import dev.paddock.orchestrator.host.Hosts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/orchestrator")
@Tag(name = "Hosts")
class HostsController {

    private final Hosts hosts;
    private final HostEnrollment enrollment;

    HostsController(Hosts hosts, HostEnrollment enrollment) {
        this.hosts = hosts;
        this.enrollment = enrollment;
    }

    @PostMapping("/enrollment-token")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresClaims(Claims.CREATE)
    @Operation(
            summary = "A single-use token an agent enrolls with (valid 15 minutes unless ttl_minutes says otherwise)")
    EnrollmentToken createEnrollmentToken(@Valid @RequestBody CreateEnrollmentToken request) {
        return enrollment.createEnrollmentToken(request);
    }

    @GetMapping("/enrollment-token/{token}/validate")
    @SecurityRequirements
    @Operation(summary = "Whether an enrollment token can still be used (public)")
    EnrollmentTokenValidity validate(@PathVariable String token) {
        return enrollment.validateEnrollmentToken(token);
    }

    /**
     * With {@code X-Enrollment-Token} an agent enrolls itself and gets the secret it pushes heartbeats with; without it
     * an operator holding {@code CREATE} registers an agent by URL, which the orchestrator then polls.
     */
    @PostMapping("/hosts")
    @SecurityRequirements
    @Operation(summary = "Enroll (X-Enrollment-Token) or register a host")
    ResponseEntity<Object> register(
            @RequestHeader(name = FleetApi.ENROLLMENT_TOKEN, required = false) @Nullable String enrollmentToken,
            @Valid @RequestBody RegisterHost request) {
        if (enrollmentToken != null && !enrollmentToken.isBlank()) {
            return ResponseEntity.status(HttpStatus.CREATED).body(enrollment.enroll(enrollmentToken, request));
        }
        PaddockPrincipal caller = CurrentCaller.principal()
                .orElseThrow(() -> new AuthenticationCredentialsNotFoundException(
                        "send X-Enrollment-Token, or authenticate as an operator with the CREATE claim"));
        if (!caller.has(Claims.CREATE)) {
            throw new AuthorizationDeniedException(
                    "Registering a host requires the claim CREATE (or an enrollment token).");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(hosts.register(request));
    }

    @GetMapping("/hosts")
    @RequiresClaims(Claims.LIST)
    List<Host> list() {
        return hosts.list();
    }

    @GetMapping("/hosts/{id}")
    @RequiresClaims(Claims.LIST)
    Host get(@PathVariable String id) {
        return hosts.get(id);
    }

    @PutMapping("/hosts/{id}")
    @RequiresClaims(Claims.UPDATE)
    Host update(@PathVariable String id, @Valid @RequestBody UpdateHost request) {
        return hosts.update(id, request);
    }

    @DeleteMapping("/hosts/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.DELETE)
    @Operation(summary = "Remove a host from the fleet (its VMs are forgotten; the agent's secret stops working)")
    void delete(@PathVariable String id) {
        hosts.delete(id);
    }

    @PutMapping("/hosts/{id}/enable")
    @RequiresClaims(Claims.UPDATE)
    Host enable(@PathVariable String id) {
        return hosts.setFlags(id, true, null);
    }

    @PutMapping("/hosts/{id}/disable")
    @RequiresClaims(Claims.UPDATE)
    @Operation(summary = "Maintenance: the host gets no new VMs and its VMs cannot be started through the orchestrator")
    Host disable(@PathVariable String id) {
        return hosts.setFlags(id, false, null);
    }

    @PutMapping("/hosts/{id}/drain")
    @RequiresClaims(Claims.UPDATE)
    @Operation(summary = "Drain (Paddock): no new VMs; running ones keep running until deleted")
    Host drain(@PathVariable String id) {
        return hosts.setFlags(id, null, true);
    }

    @PutMapping("/hosts/{id}/undrain")
    @RequiresClaims(Claims.UPDATE)
    Host undrain(@PathVariable String id) {
        return hosts.setFlags(id, null, false);
    }

    /**
     * The reference documents {@code PUT /orchestrator/hosts} without an id, but its handler reads the id from the
     * path ({@code UpdateOrchestratorHostHandler}), so the call only ever failed there; here it says what to send.
     */
    @PutMapping("/hosts")
    @Operation(summary = "Refused with a pointer: update a host with PUT /api/v1/orchestrator/hosts/{id}")
    void updateWithoutId() {
        throw ProblemException.badRequest(
                "host-id-required", "Name the host in the path: PUT /api/v1/orchestrator/hosts/{id} with the changes.");
    }

    @GetMapping(value = "/hosts/{id}/logs", produces = MediaType.TEXT_PLAIN_VALUE)
    @RequiresClaims(Claims.SUPER_USER)
    @Operation(summary = "The host agent's most recent log lines")
    String logs(@PathVariable String id) {
        return hosts.logs(id);
    }

    @GetMapping("/hosts/{id}/hardware")
    @RequiresClaims(Claims.LIST)
    @Operation(summary = "The host agent's own /config/hardware report, fetched now")
    JsonNode hardware(@PathVariable String id) {
        return hosts.hardware(id);
    }
}
