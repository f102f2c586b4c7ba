package dev.paddock.orchestrator.scheduling.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.orchestrator.host.HostViews.Host;
import dev.paddock.orchestrator.host.HostViews.ResourceItem;
import dev.paddock.orchestrator.host.Hosts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The reference's resource overview: capacity summed per CPU architecture, or for one host. */
@RestController
@Tag(name = "Hosts")
class OverviewController {

    private final Hosts hosts;

    OverviewController(Hosts hosts) {
        this.hosts = hosts;
    }

    /** The reference's {@code HostResourceOverviewResponse}. */
    record Overview(
            String cpuType,
            ResourceItem total,
            ResourceItem totalAvailable,
            ResourceItem totalInUse,
            ResourceItem totalReserved,
            ResourceItem systemReserved) {}

    @GetMapping("/api/v1/orchestrator/overview/resources")
    @RequiresClaims(Claims.LIST)
    @Operation(summary = "Capacity per CPU architecture over the hosts you can see")
    List<Overview> overview() {
        Map<String, List<Host>> byArchitecture = hosts.list().stream()
                .collect(Collectors.groupingBy(
                        h -> h.architecture() == null ? "unknown" : h.architecture(),
                        TreeMap::new,
                        Collectors.toList()));
        return byArchitecture.entrySet().stream()
                .map(entry -> sum(entry.getKey(), entry.getValue()))
                .toList();
    }

    @GetMapping("/api/v1/orchestrator/overview/{id}/resources")
    @RequiresClaims(Claims.LIST)
    Overview host(@PathVariable String id) {
        Host host = hosts.get(id);
        return sum(host.architecture() == null ? "unknown" : host.architecture(), List.of(host));
    }

    private static Overview sum(String architecture, List<Host> hosts) {
        return new Overview(
                architecture,
                ResourceItem.sum(
                        hosts.stream().map(h -> h.detailedResources().total()).toList()),
                ResourceItem.sum(hosts.stream()
                        .map(h -> h.detailedResources().totalAvailable())
                        .toList()),
                ResourceItem.sum(hosts.stream()
                        .map(h -> h.detailedResources().totalInUse())
                        .toList()),
                ResourceItem.sum(hosts.stream()
                        .map(h -> h.detailedResources().totalReserved())
                        .toList()),
                ResourceItem.sum(hosts.stream()
                        .map(h -> h.detailedResources().systemReserved())
                        .toList()));
    }
}
