package dev.paddock.orchestrator.deploy.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.job.JobView;
import dev.paddock.orchestrator.deploy.HostDeployment;
import dev.paddock.orchestrator.deploy.HostDeployment.DeployHost;
import dev.paddock.orchestrator.deploy.HostDeployment.Deployed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The reference's agent deployment over SSH. */
@RestController
@Tag(name = "Hosts")
class HostDeployController {

    private final HostDeployment deployment;

    HostDeployController(HostDeployment deployment) {
        this.deployment = deployment;
    }

    @PostMapping("/api/v1/orchestrator/hosts/deploy")
    @RequiresClaims(Claims.CREATE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary =
                    "Install the agent on a Mac over SSH (host key checked first) and answer once it has enrolled: {host_id, host, message}")
    Deployed deploy(@Valid @RequestBody DeployHost request) throws Exception {
        return deployment.deploy(request);
    }

    @PostMapping("/api/v1/orchestrator/hosts/deploy/async")
    @RequiresClaims(Claims.CREATE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "The same as a job: connect, upload, install, enroll")
    JobView deployAsync(@Valid @RequestBody DeployHost request) {
        return deployment.deployAsync(request);
    }
}
