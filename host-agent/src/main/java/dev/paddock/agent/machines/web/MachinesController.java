package dev.paddock.agent.machines.web;

import dev.paddock.agent.machines.MachineCreation;
import dev.paddock.agent.machines.MachineFilter;
import dev.paddock.agent.machines.MachineRequests.CloneResult;
import dev.paddock.agent.machines.MachineRequests.CommonResponse;
import dev.paddock.agent.machines.MachineRequests.ConfigResult;
import dev.paddock.agent.machines.MachineRequests.Configure;
import dev.paddock.agent.machines.MachineRequests.Execute;
import dev.paddock.agent.machines.MachineRequests.ExecuteResult;
import dev.paddock.agent.machines.MachineRequests.Register;
import dev.paddock.agent.machines.MachineRequests.Rename;
import dev.paddock.agent.machines.MachineRequests.Unregister;
import dev.paddock.agent.machines.MachineRequests.Upload;
import dev.paddock.agent.machines.MachineRequests.Uploaded;
import dev.paddock.agent.machines.Machines;
import dev.paddock.agent.machines.Uploads;
import dev.paddock.agent.parallels.CallerGone;
import dev.paddock.agent.parallels.CommandRunner;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.job.JobView;
import dev.paddock.contracts.machine.CreateMachine;
import dev.paddock.contracts.machine.MachineCreated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping(AgentApi.MACHINES)
@Tag(name = "Machines")
class MachinesController {

    private static final String NDJSON = "application/x-ndjson";

    private final Machines machines;
    private final MachineCreation creation;
    private final Uploads uploads;
    private final JsonMapper json;

    MachinesController(Machines machines, MachineCreation creation, Uploads uploads, JsonMapper json) {
        this.machines = machines;
        this.creation = creation;
        this.uploads = uploads;
        this.json = json;
    }

    @GetMapping
    @RequiresClaims(Claims.LIST_VM)
    @Operation(
            summary = "Every VM on this host in PD's own shape, from the cache (X-No-Cache: true re-lists first); "
                    + "X-Filter: <property>=<regex>[,i] narrows the list")
    List<ObjectNode> list(
            @RequestHeader(name = "X-Filter", required = false) @Nullable String filter,
            @RequestHeader(name = "X-No-Cache", required = false, defaultValue = "false") boolean noCache) {
        MachineFilter parsed = MachineFilter.parse(filter);
        return machines.list(noCache).stream()
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
    @Operation(summary = "A VM's state and IP, asked from Parallels Desktop now (prlctl list -f), not from the cache")
    Map<String, String> status(@PathVariable String id) {
        Vm vm = machines.get(id);
        ObjectNode live = machines.status(id);
        String ip = live.path("ip_configured").asString("-");
        if ((ip.isBlank() || ip.equals("-")) && vm.ip() != null) {
            // macOS guests report no address to PD's list; the agent asked the guest itself.
            ip = vm.ip();
        }
        return Map.of(
                "id", Vm.stripBraces(live.path("uuid").asString(vm.id())),
                "status", live.path("status").asString(vm.state()),
                "ip_configured", ip.isBlank() ? "-" : ip);
    }

    // GET too: the reference serves both, and its Postman collection and web UI use GET.
    @RequestMapping(
            value = "/{id}/{operation:start|stop|restart|suspend|resume|pause|reset}",
            method = {RequestMethod.PUT, RequestMethod.GET})
    @RequiresClaims(Claims.UPDATE_VM_STATES)
    @Operation(
            summary = "Change a VM's power state; one the VM is already in succeeds at once, an impossible transition"
                    + " answers 409. stop?force=true powers off at once (a suspended VM's saved state is dropped)")
    Map<String, String> power(
            @PathVariable String id,
            @PathVariable String operation,
            @RequestParam(name = "force", defaultValue = "false") boolean force) {
        Vm vm = machines.power(id, operation, force);
        return Map.of("id", vm.id(), "operation", operation, "status", "Success");
    }

    @PostMapping
    @RequiresClaims(Claims.CREATE_VM)
    @Operation(summary = "Create a VM (and start it if asked); waits until done")
    MachineCreated create(@Valid @RequestBody CreateMachine request) throws Exception {
        return creation.create(request);
    }

    @PostMapping("/async")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.CREATE_VM)
    @Operation(summary = "Create a VM as a job: answers 202 with the job at once; follow it on /api/v1/jobs/{id}")
    JobView createAsync(@Valid @RequestBody CreateMachine request) {
        return creation.createAsync(request);
    }

    @PostMapping("/register")
    @RequiresClaims(Claims.CREATE_VM)
    @Operation(summary = "Register a bundle that is already in one of the agent's VM folders")
    ObjectNode register(@Valid @RequestBody Register request) {
        return machines.toApi(machines.register(request));
    }

    @PostMapping("/{id}/unregister")
    @RequiresClaims(Claims.UPDATE_VM)
    @Operation(summary = "Unregister a VM, keeping its files")
    CommonResponse unregister(@PathVariable String id, @RequestBody(required = false) @Nullable Unregister request) {
        machines.unregister(id, request != null && request.cleanSourceUuid());
        return new CommonResponse(true, 200, "unregister", null);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.DELETE_VM)
    @Operation(
            summary = "Delete a VM and its files; a running VM needs force=true (it is powered off first); a VM"
                    + " Parallels calls invalid is unregistered and its folder removed")
    void delete(@PathVariable String id, @RequestParam(name = "force", defaultValue = "false") boolean force) {
        machines.delete(id, force);
    }

    @PutMapping("/{id}/rename")
    @RequiresClaims(Claims.UPDATE_VM)
    @Operation(summary = "Rename a VM (and optionally change its description)")
    ObjectNode rename(@PathVariable String id, @Valid @RequestBody Rename request) {
        return machines.toApi(machines.rename(id, request));
    }

    @PutMapping("/{id}/clone")
    @RequiresClaims(Claims.CREATE_VM)
    @Operation(summary = "Clone a VM, optionally into another of the agent's VM folders")
    CloneResult clone(
            @PathVariable String id, @Valid @RequestBody dev.paddock.agent.machines.MachineRequests.Clone request) {
        return machines.clone(id, request);
    }

    @PutMapping("/{id}/set")
    @RequiresClaims(Claims.UPDATE_VM)
    @Operation(summary = "Apply a batch of settings; each operation reports its own outcome")
    ConfigResult set(@PathVariable String id, @Valid @RequestBody Configure request) {
        return machines.configure(id, request);
    }

    @PostMapping("/{id}/upload")
    @RequiresClaims(Claims.UPDATE_VM)
    @Operation(
            summary = "Copy a file from the host (inside the agent's VM folders) into a running guest with prlcopy"
                    + " (Parallels Desktop 20.2 and later)")
    Uploaded upload(@PathVariable String id, @Valid @RequestBody Upload request) {
        return uploads.upload(id, request);
    }

    @PutMapping("/{id}/execute")
    @RequiresClaims(Claims.EXECUTE_COMMAND_VM)
    @Operation(summary = "Run a command in the guest; answers its stdout, stderr and exit code")
    ExecuteResult execute(@PathVariable String id, @Valid @RequestBody Execute request) {
        return machines.execute(id, request);
    }

    /**
     * Written straight to the response and flushed line by line, on the request's own (virtual) thread: Spring's
     * streaming return types hand the body a stream whose flush does nothing. When the caller leaves, the command is
     * stopped at its next line of output or the next blank keep-alive line ({@link CommandRunner#IDLE_PROBE}).
     */
    @PutMapping(value = "/{id}/execute/stream", produces = NDJSON)
    @RequiresClaims(Claims.EXECUTE_COMMAND_VM)
    @Operation(
            summary = "Paddock: run a command in the guest and stream its output as it comes, one JSON object a line: "
                    + "{\"stream\": \"stdout\"|\"stderr\", \"data\": line} then {\"exit_code\": n}; blank lines keep a "
                    + "silent command's stream alive (skip them); a caller that leaves stops the command")
    void executeStreaming(@PathVariable String id, @Valid @RequestBody Execute request, HttpServletResponse response) {
        Machines.Execution execution = machines.prepare(id, request);
        response.setContentType(NDJSON);
        NdjsonWriter lines = new NdjsonWriter(response, json);
        int exitCode;
        try {
            exitCode = machines.executeStreaming(execution, new CommandRunner.OutputListener() {
                @Override
                public void stdout(String line) {
                    lines.write(new OutputLine("stdout", line + "\n"));
                }

                @Override
                public void stderr(String line) {
                    lines.write(new OutputLine("stderr", line + "\n"));
                }

                @Override
                public void idle() {
                    lines.keepAlive();
                }
            });
        } catch (CallerGone gone) {
            // The command was stopped at the first line nobody could take; there is no one to answer.
            return;
        }
        lines.write(new Exited(exitCode));
    }

    /** A line the command wrote. */
    record OutputLine(String stream, String data) {}

    /** The last line: how the command ended. */
    record Exited(int exitCode) {}

    /** Writes one JSON document a line and flushes it, from whichever thread has output. */
    private record NdjsonWriter(HttpServletResponse response, JsonMapper json) {

        /** A blank line: keeps proxies from timing the stream out and tells whether the caller is still there. */
        synchronized void keepAlive() {
            try {
                response.getOutputStream().write('\n');
                response.flushBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException("the client went away", e);
            }
        }

        synchronized void write(Object document) {
            try {
                response.getOutputStream().write(json.writeValueAsBytes(document));
                response.getOutputStream().write('\n');
                response.flushBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException("the client went away", e);
            }
        }
    }
}
