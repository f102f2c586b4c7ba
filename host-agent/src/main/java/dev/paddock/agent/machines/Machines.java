package dev.paddock.agent.machines;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.inventory.VmInventory;
import dev.paddock.agent.machines.MachineRequests.CloneResult;
import dev.paddock.agent.machines.MachineRequests.ConfigOperation;
import dev.paddock.agent.machines.MachineRequests.ConfigOperationResult;
import dev.paddock.agent.machines.MachineRequests.ConfigResult;
import dev.paddock.agent.machines.MachineRequests.Configure;
import dev.paddock.agent.machines.MachineRequests.Execute;
import dev.paddock.agent.machines.MachineRequests.ExecuteResult;
import dev.paddock.agent.machines.MachineRequests.Register;
import dev.paddock.agent.machines.MachineRequests.Rename;
import dev.paddock.agent.parallels.CommandRunner;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.PowerOperation;
import dev.paddock.agent.parallels.Prlctl.RegisterOptions;
import dev.paddock.agent.parallels.Prlctl.StopMode;
import dev.paddock.agent.parallels.PrlctlFailure;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * The host's VMs and what can be done to them: the reference host API's behaviour. Reads come from the
 * {@link VmInventory} cache; every operation goes to PD through the driver and then refreshes the VM it touched, so the
 * answer shows the new state. States the reference checks itself are checked here too, before PD is asked, so the
 * answer does not depend on PD's wording (see {@code PdRefusals}).
 */
@Service
public class Machines {

    private static final Logger log = LoggerFactory.getLogger(Machines.class);

    private final ParallelsDesktop parallels;
    private final VmInventory inventory;
    private final VmFolders folders;
    private final MacOsLogons logons;
    private final AgentProperties properties;
    private final String hostname;

    Machines(
            ParallelsDesktop parallels,
            VmInventory inventory,
            VmFolders folders,
            MacOsLogons logons,
            AgentProperties properties) {
        this.parallels = parallels;
        this.inventory = inventory;
        this.folders = folders;
        this.logons = logons;
        this.properties = properties;
        this.hostname = properties.hostname() != null ? properties.hostname() : localHostname();
    }

    /** @param fresh re-list from PD first (the reference's {@code X-No-Cache}) */
    public List<Vm> list(boolean fresh) {
        if (fresh) {
            inventory.refreshAll();
        }
        return inventory.list();
    }

    public Vm get(String idOrName) {
        return inventory.find(idOrName).orElseThrow(() -> new MachineNotFound(idOrName));
    }

    /** PD's live view of a VM ({@code GET /machines/{id}/status}), not the cache's. */
    public ObjectNode status(String idOrName) {
        return parallels.status(get(idOrName));
    }

    /**
     * Runs a power operation. One whose end state the VM is already in succeeds without asking PD, as in the reference;
     * {@code force} stops at once ({@code --kill}), or drops a suspended VM's saved state ({@code --drop-state}).
     */
    public Vm power(String idOrName, String operation, boolean force) {
        PowerOperation power = PowerOperation.of(operation)
                .orElseThrow(() -> ProblemException.badRequest(
                        "unknown-operation",
                        "Unknown operation " + operation + "; one of start, stop, restart, suspend, resume, pause,"
                                + " reset"));
        Vm vm = get(idOrName);
        if (power.alreadyDone(vm.state())) {
            return vm;
        }
        StopMode mode = StopMode.GRACEFUL;
        if (power == PowerOperation.STOP) {
            mode = stopMode(vm, force);
        } else if (force) {
            throw ProblemException.badRequest("force-not-applicable", "force applies to stop only.");
        }
        try {
            parallels.power(vm, power, mode);
        } finally {
            inventory.refresh(vm.id());
        }
        return get(vm.id());
    }

    private static StopMode stopMode(Vm vm, boolean force) {
        if (vm.state().equals("suspended")) {
            if (!force) {
                throw ProblemException.conflict(
                        "vm-state-conflict",
                        "VM " + vm.name() + " is suspended; stop it with force=true to discard its saved state, or"
                                + " resume it first.");
            }
            return StopMode.DROP_STATE;
        }
        return force ? StopMode.KILL : StopMode.GRACEFUL;
    }

    /** The path, normalised, if it lies inside one of the agent's VM folders; a 400 naming them otherwise. */
    public Path insideVmFolders(String requested, String what) {
        return folders.inside(requested, what);
    }

    /** Where new bundles go when a request names no folder. */
    public Path defaultVmFolder() {
        return folders.defaultFolder();
    }

    /**
     * Registers a bundle that lies in one of the agent's VM folders, under a UUID given or generated here (prlctl prints
     * none), as its owner, who is handed the bundle first. The VM gets a MAC of its own; a VM that cannot be named as
     * asked is taken back out, so nothing half-done stays.
     */
    public Vm register(Register request) {
        Path bundle = folders.inside(request.path(), "path");
        String name = bundle.getFileName().toString();
        if (!name.endsWith(".pvm") && !name.endsWith(".macvm")) {
            throw ProblemException.badRequest(
                    "invalid-bundle", "path must name a .pvm or .macvm bundle, got " + request.path());
        }
        String uuid = request.uuid() != null
                ? Vm.stripBraces(request.uuid()).toLowerCase(java.util.Locale.ROOT)
                : UUID.randomUUID().toString();
        parallels.handOver(bundle, request.owner());
        parallels.register(
                request.owner(),
                bundle,
                uuid,
                new RegisterOptions(
                        request.regenerateSourceUuid(), request.force(), request.delayApplyingRestrictions()));
        Vm registered = inventory
                .refresh(uuid, request.owner())
                .orElseThrow(() -> new IllegalStateException(
                        "prlctl registered " + bundle + " but does not list it under " + uuid));
        try {
            if (request.machineName() != null && !request.machineName().equals(registered.name())) {
                parallels.set(registered, List.of("--name", request.machineName()));
            }
            parallels.regenerateMac(registered);
        } catch (RuntimeException e) {
            parallels.unregister(registered, false);
            inventory.forget(uuid);
            throw e;
        }
        return inventory.refresh(uuid).orElseThrow(() -> new MachineNotFound(uuid));
    }

    public void unregister(String idOrName, boolean cleanSourceUuid) {
        Vm vm = get(idOrName);
        requireStopped(vm, "unregistered");
        parallels.unregister(vm, cleanSourceUuid);
        inventory.forget(vm.id());
    }

    /**
     * Deletes a VM and its files. A running VM needs {@code force} (it is killed first); a VM PD calls {@code invalid}
     * (a broken bundle) cannot be deleted by PD, so it is unregistered and its folder removed, as in the reference
     * (main.go:1377-1394) — only inside the agent's VM folders.
     */
    public void delete(String idOrName, boolean force) {
        Vm vm = get(idOrName);
        if (vm.state().equals("invalid")) {
            deleteInvalid(vm);
            return;
        }
        if (vm.usesCapacity() || vm.state().equals("suspended")) {
            if (!force) {
                throw ProblemException.conflict(
                        "vm-state-conflict",
                        "VM " + vm.name() + " is " + vm.state() + "; stop it first, or delete with force=true.");
            }
            parallels.power(
                    vm, PowerOperation.STOP, vm.state().equals("suspended") ? StopMode.DROP_STATE : StopMode.KILL);
        }
        parallels.delete(vm);
        inventory.forget(vm.id());
    }

    private void deleteInvalid(Vm vm) {
        Path bundle = folders.inside(vm.home(), "the VM's folder");
        parallels.unregister(vm, false);
        inventory.forget(vm.id());
        try (Stream<Path> files = Files.walk(bundle)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Unregistered the invalid VM {} but could not remove {}: {}", vm.name(), bundle, e.toString());
        }
    }

    public Vm rename(String idOrName, Rename request) {
        Vm vm = get(idOrName);
        List<String> arguments = new ArrayList<>(List.of("--name", request.newName()));
        if (request.description() != null) {
            arguments.addAll(List.of("--description", request.description()));
        }
        try {
            parallels.set(vm, arguments);
        } finally {
            inventory.refresh(vm.id());
        }
        return get(vm.id());
    }

    public CloneResult clone(String idOrName, MachineRequests.Clone request) {
        Vm source = get(idOrName);
        Path destination =
                request.destinationPath() == null || request.destinationPath().isBlank()
                        ? null
                        : folders.inside(request.destinationPath(), "destination_path folder");
        Vm clone = cloneAs(source, request.cloneName(), destination);
        return new CloneResult(clone.id(), "Success", null);
    }

    /**
     * Clones a VM or template and gives the clone a MAC of its own. prlctl prints no id, so the clone is found by its
     * name among its owner's VMs (names are unique per user in PD).
     */
    public Vm cloneAs(Vm source, String name, @Nullable Path destination) {
        if (inventory.find(name).isPresent()) {
            throw ProblemException.conflict("name-taken", "A VM named '" + name + "' already exists on this host.");
        }
        parallels.clone(source, name, destination);
        Vm clone = parallels
                .find(name, source.owner())
                .orElseThrow(() -> new IllegalStateException(
                        "prlctl cloned " + source.name() + " as '" + name + "' but does not list a VM of that name"));
        try {
            parallels.regenerateMac(clone);
        } catch (RuntimeException e) {
            log.warn("The clone {} keeps its source's MAC: {}", name, e.getMessage());
        }
        return inventory.refresh(clone.id(), clone.owner()).orElse(clone);
    }

    /**
     * Applies a batch of settings, one {@code prlctl set} per operation, reporting each one's outcome as the reference
     * does. Unknown groups or operations are reported as errors without touching the VM.
     */
    public ConfigResult configure(String idOrName, Configure request) {
        Vm vm = get(idOrName);
        List<ConfigOperationResult> results = new ArrayList<>();
        for (ConfigOperation operation : request.operations()) {
            List<String> arguments;
            try {
                arguments = SetOperations.toArguments(operation);
            } catch (IllegalArgumentException unsupported) {
                results.add(new ConfigOperationResult(
                        operation.group(), operation.operation(), "error", unsupported.getMessage()));
                continue;
            }
            try {
                parallels.set(vm, arguments);
                results.add(new ConfigOperationResult(operation.group(), operation.operation(), "success", null));
            } catch (PrlctlFailure failure) {
                results.add(new ConfigOperationResult(
                        operation.group(), operation.operation(), "error", failure.getMessage()));
            }
        }
        inventory.refresh(vm.id());
        return new ConfigResult(results);
    }

    /** Runs a command in the guest through {@code prlctl exec}; answers its output and exit code. */
    public ExecuteResult execute(String idOrName, Execute request) {
        Execution execution = prepare(idOrName, request);
        CommandRunner.Output output;
        try (MacOsLogons.Turn turn = logons.take(execution.vm())) {
            output = parallels.exec(execution.vm(), execution.commandLine(), properties.longCommandTimeout());
        }
        String error = output.exitCode() == 0
                ? null
                : output.stderr().isBlank() ? null : output.stderr().strip();
        return new ExecuteResult(output.stdout(), output.stderr(), output.exitCode(), error);
    }

    /** A command that may run: the VM and the line its guest's shell runs. */
    public record Execution(Vm vm, String commandLine) {}

    /**
     * Checks a command and its VM now, so a refusal is an ordinary problem answer before any output is streamed; the
     * caller then runs it with {@link #executeStreaming}.
     */
    public Execution prepare(String idOrName, Execute request) {
        if (request.useSsh()) {
            throw ProblemException.badRequest(
                    "unsupported",
                    "use_ssh is not supported by this agent; leave it false to run through Parallels Tools.");
        }
        if (request.script() != null) {
            throw ProblemException.badRequest(
                    "unsupported", "script is not supported by this agent; send the command line in 'command'.");
        }
        if (request.command() == null || request.command().isBlank()) {
            throw ProblemException.badRequest("missing-command", "command is required.");
        }
        Vm vm = get(idOrName);
        if (!vm.isRunning()) {
            // prlctl's own refusal would look like the guest command's failure; say it plainly instead.
            throw ProblemException.conflict(
                    "vm-state-conflict",
                    "VM " + vm.name() + " is " + vm.state()
                            + "; commands run only in a running VM (it is not running).");
        }
        return new Execution(vm, GuestCommandLine.of(request, vm.isWindows()));
    }

    /** Runs a prepared command, handing its output on line by line; answers the guest's exit code. */
    public int executeStreaming(Execution execution, CommandRunner.OutputListener listener) {
        try (MacOsLogons.Turn turn = logons.take(execution.vm())) {
            return parallels.execStreaming(
                    execution.vm(), execution.commandLine(), properties.longCommandTimeout(), listener);
        }
    }

    /** PD's object as the reference API returns it, plus the host fields it adds. */
    public ObjectNode toApi(Vm vm) {
        ObjectNode api = vm.raw().deepCopy();
        api.put("ID", vm.id());
        api.put("user", vm.owner());
        api.put("host", hostname);
        api.put("internal_ip_address", vm.ip() == null ? "" : vm.ip());
        return api;
    }

    public String hostname() {
        return hostname;
    }

    private static void requireStopped(Vm vm, String what) {
        if (vm.usesCapacity()) {
            throw ProblemException.conflict(
                    "vm-state-conflict",
                    "VM " + vm.name() + " is " + vm.state() + "; stop it before it is " + what + ".");
        }
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
