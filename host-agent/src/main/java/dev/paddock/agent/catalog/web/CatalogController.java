package dev.paddock.agent.catalog.web;

import dev.paddock.agent.catalog.CatalogPull;
import dev.paddock.agent.catalog.CatalogPush;
import dev.paddock.agent.catalog.CatalogRequests.Pull;
import dev.paddock.agent.catalog.CatalogRequests.Pulled;
import dev.paddock.agent.catalog.CatalogRequests.Push;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.job.JobView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The reference's host catalog endpoints: push a bundle on this host, pull an image onto it. */
@RestController
@Tag(name = "Catalog transfers")
class CatalogController {

    private final CatalogPush pushes;
    private final CatalogPull pulls;

    CatalogController(CatalogPush pushes, CatalogPull pulls) {
        this.pushes = pushes;
        this.pulls = pulls;
    }

    @PostMapping(AgentApi.CATALOG_PUSH)
    @RequiresClaims(Claims.PUSH_CATALOG_MANIFEST)
    @Operation(summary = "Push the bundle at local_path as a catalog version; only chunks the catalog lacks are sent")
    JsonNode push(@RequestBody Push request) throws Exception {
        return pushes.push(request);
    }

    @PostMapping(AgentApi.CATALOG_PUSH_ASYNC)
    @RequiresClaims(Claims.PUSH_CATALOG_MANIFEST)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Push as a job; follow it at /api/v1/jobs/{id} or on the job_manager event channel")
    JobView pushAsync(@RequestBody Push request) {
        return pushes.pushAsync(request);
    }

    @PutMapping(AgentApi.CATALOG_PULL)
    @RequiresClaims(Claims.PULL_CATALOG_MANIFEST)
    @Operation(
            summary = "Pull an image (version or tag, default latest) and register it as machine_name; "
                    + "only chunks missing from the pack cache are fetched")
    Pulled pull(@RequestBody Pull request) throws Exception {
        return pulls.pull(request);
    }

    @PutMapping(AgentApi.CATALOG_PULL_ASYNC)
    @RequiresClaims(Claims.PULL_CATALOG_MANIFEST)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Pull as a job")
    JobView pullAsync(@RequestBody Pull request) {
        return pulls.pullAsync(request);
    }
}
