package dev.paddock.agent.hardware.web;

import dev.paddock.agent.hardware.HostResources;
import dev.paddock.agent.hardware.LicenseInfo;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.agent.SystemUsage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Host")
class HardwareController {

    private final HostResources resources;
    private final LicenseInfo licenses;

    HardwareController(HostResources resources, LicenseInfo licenses) {
        this.resources = resources;
        this.licenses = licenses;
    }

    @GetMapping(AgentApi.HARDWARE)
    @RequiresClaims(Claims.LIST)
    @Operation(summary = "What this host has, keeps for itself, uses and has left")
    SystemUsage hardware() {
        return resources.report();
    }

    @GetMapping("/api/v1/parallels_desktop/key")
    @RequiresClaims(Claims.LIST)
    @Operation(summary = "Parallels Desktop's licence (prlsrvctl info --license), the serial masked but for its end")
    LicenseInfo.License license() {
        return licenses.license();
    }
}
