package dev.paddock.agent.machines.web;

import dev.paddock.agent.machines.MachineFilter;
import dev.paddock.agent.machines.Machines;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1/machines")
@Tag(name = "Machines")
class MachinesController {

    private final Machines machines;

    MachinesController(Machines machines) {
        this.machines = machines;
    }

    @GetMapping
    @RequiresClaims(Claims.LIST_VM)
    @Operation(summary = "Every VM on this host, in PD's own shape; X-Filter: <property>=<regex>[,i] narrows the list")
    List<ObjectNode> list(@RequestHeader(name = "X-Filter", required = false) @Nullable String filter) {
        MachineFilter parsed = MachineFilter.parse(filter);
        return machines.list().stream()
                .map(machines::toApi)
                .filter(vm -> parsed == null || parsed.matches(vm))
                .toList();
    }

    @GetMapping("/{id}")
    @RequiresClaims(Claims.LIST_VM)
    @Operation(summary = "One VM by id or name")
    ObjectNode get(@PathVariable String id) {
        return machines.toApi(machines.get(id));
    }

    @GetMapping("/{id}/status")
    @RequiresClaims(Claims.LIST_VM)
    @Operation(summary = "A VM's state and IP")
    Map<String, String> status(@PathVariable String id) {
        Vm vm = machines.get(id);
        return Map.of("id", vm.id(), "status", vm.state(), "ip_configured", vm.ip() == null ? "-" : vm.ip());
    }

    @PutMapping("/{id}/{operation:start|stop|restart|suspend|resume|pause|reset}")
    @RequiresClaims(Claims.UPDATE_VM_STATES)
    @Operation(summary = "Change a VM's power state; an impossible transition answers 409 with PD's message")
    Map<String, String> power(@PathVariable String id, @PathVariable String operation) {
        Vm vm = machines.power(id, operation);
        return Map.of("id", vm.id(), "operation", operation, "status", "Success");
    }
}
