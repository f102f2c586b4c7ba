package dev.paddock.orchestrator.unsupported.web;

import dev.paddock.common.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations of the reference that Paddock does not offer, answered with a reason and an alternative instead of
 * "no such operation", so that a client written for the reference learns what to do. Authentication still applies.
 */
@RestController
@Tag(name = "Not supported")
class UnsupportedOperationsController {

    static final String TYPE = "operation-not-supported";

    @PostMapping("/api/v1/config/tools/{action:install|uninstall|restart}")
    @Operation(summary = "Not supported: Paddock does not install software on hosts through its API")
    void tools() {
        throw refused(
                "Paddock does not install, remove or restart software on its hosts through the API (the reference runs"
                        + " installers as root on request). Provision tools with your Mac management (MDM, Ansible);"
                        + " the agent itself is installed with its installer (docs/operator-guide.md).");
    }

    @PostMapping("/api/v1/ssh/execute")
    @Operation(summary = "Not supported: Paddock does not run commands on other machines over SSH")
    void ssh() {
        throw refused("Paddock does not run commands on arbitrary machines over SSH. Run a command inside a VM with"
                + " PUT /api/v1/machines/{id}/execute.");
    }

    @RequestMapping(
            value = {"/api/v1/templates/packer", "/api/v1/templates/packer/{id}"},
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE})
    @Operation(summary = "Not supported: Packer templates")
    void packer() {
        throw refused("Packer templates are not kept by Paddock. Build images with Packer (packer-plugin-parallels),"
                + " push them to the catalog with PUT /api/v1/catalog/push on a host, and create VMs from the"
                + " catalog with catalog_manifest.");
    }

    @PostMapping("/api/v1/config/diskspace")
    @Operation(summary = "Not supported on the fleet: disk space is per host")
    void diskSpace() {
        throw refused("Disk space is per host: GET /api/v1/orchestrator/hosts/{id}/hardware reports a host's disk"
                + " (total and free), and GET /api/v1/orchestrator/hosts lists every host's.");
    }

    @GetMapping("/api/v1/parallels_desktop/key")
    @Operation(summary = "Not supported on the fleet: licences are per host")
    void licence() {
        throw refused("Each Mac has its own Parallels Desktop licence: GET /api/v1/orchestrator/hosts shows whether"
                + " each host is licensed (parallels_desktop_licensed), and a host's agent answers"
                + " /api/v1/parallels_desktop/key for its own.");
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(HttpStatus.NOT_IMPLEMENTED, TYPE, "Operation not supported", detail);
    }
}
