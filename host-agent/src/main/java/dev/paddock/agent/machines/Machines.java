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
import dev.paddock.agent.parallels.PrlctlFailure;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * The host's VMs and what can be done to them: the reference host API's behaviour. Reads come from the
 * {@link VmInventory} cache; every operation goes to PD through the driver and then refreshes the VM it touched, so the
 * answer shows the new state.
 */
@Service
public class Machines {

    /** Power operations of {@code PUT /machines/{id}/<operation>}. */
    public static final List<String> POWER_OPERATIONS =
            List.of("start", "stop", "restart", "suspend", "resume", "pause", "reset");

    private static final Pattern CREATED_ID = Pattern.compile("\\{([0-9a-fA-F-]{36})\\}");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");

    private final ParallelsDesktop parallels;
    private final VmInventory inventory;
    private final VmFolders folders;
    private final AgentProperties properties;
    private final String hostname;

    Machines(ParallelsDesktop parallels, VmInventory inventory, VmFolders folders, AgentProperties properties) {
        this.parallels = parallels;
        this.inventory = inventory;
        this.folders = folders;
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

    /** Runs a power operation; PD's refusal of an illegal transition surfaces as a 409 with PD's message. */
    public Vm power(String idOrName, String operation) {
        String normalized = operation.toLowerCase(Locale.ROOT);
        if (!POWER_OPERATIONS.contains(normalized)) {
            throw ProblemException.badRequest(
                    "unknown-operation", "Unknown operation " + operation + "; one of " + POWER_OPERATIONS);
        }
        Vm vm = get(idOrName);
        try {
            parallels.vmCommand(vm, normalized, List.of());
        } finally {
            inventory.refresh(vm.id());
        }
        return get(vm.id());
    }

    /** The path, normalised, if it lies inside one of the agent's VM folders; a 400 naming them otherwise. */
    public Path insideVmFolders(String requested, String what) {
        return folders.inside(requested, what);
    }

    /** Where new bundles go when a request names no folder. */
    public Path defaultVmFolder() {
        return folders.defaultFolder();
    }

    /** Registers an existing bundle that lies in one of the agent's VM folders. */
    public Vm register(Register request) {
        Path bundle = folders.inside(request.path(), "path");
        String name = bundle.getFileName().toString();
        if (!name.endsWith(".pvm") && !name.endsWith(".macvm")) {
            throw ProblemException.badRequest(
                    "invalid-bundle", "path must name a .pvm or .macvm bundle, got " + request.path());
        }
        List<String> arguments = new ArrayList<>(List.of("register", bundle.toString()));
        if (request.regenerateSourceUuid()) {
            arguments.add("--regenerate-src-uuid");
        }
        if (request.uuid() != null) {
            arguments.addAll(List.of("--uuid", request.uuid()));
        }
        if (request.force()) {
            arguments.add("--force");
        }
        String output = parallels.command(request.owner(), arguments, properties.longCommandTimeout());
        String id = createdId(output);
        Vm registered = inventory.refresh(id).orElseThrow(() -> new MachineNotFound(id));
        if (request.machineName() != null && !request.machineName().equals(registered.name())) {
            try {
                parallels.vmCommand(registered, "set", List.of("--name", request.machineName()));
            } catch (PrlctlFailure failure) {
                // Nothing half-done: a VM registered under the wrong name is taken back out.
                parallels.vmCommand(registered, "unregister", List.of());
                inventory.forget(id);
                throw failure;
            }
            registered = inventory.refresh(id).orElseThrow(() -> new MachineNotFound(id));
        }
        return registered;
    }

    public void unregister(String idOrName) {
        Vm vm = get(idOrName);
        parallels.vmCommand(vm, "unregister", List.of());
        inventory.forget(vm.id());
    }

    public void delete(String idOrName) {
        Vm vm = get(idOrName);
        parallels.vmCommand(vm, "delete", List.of(), properties.longCommandTimeout());
        inventory.forget(vm.id());
    }

    public Vm rename(String idOrName, Rename request) {
        Vm vm = get(idOrName);
        List<String> arguments = new ArrayList<>(List.of("--name", request.newName()));
        if (request.description() != null) {
            arguments.addAll(List.of("--description", request.description()));
        }
        try {
            parallels.vmCommand(vm, "set", arguments);
        } finally {
            inventory.refresh(vm.id());
        }
        return get(vm.id());
    }

    public CloneResult clone(String idOrName, MachineRequests.Clone request) {
        Vm vm = get(idOrName);
        List<String> arguments = new ArrayList<>(List.of("--name", request.cloneName()));
        if (request.destinationPath() != null && !request.destinationPath().isBlank()) {
            arguments.addAll(List.of(
                    "--dst",
                    folders.inside(request.destinationPath(), "destination_path folder")
                            .toString()));
        }
        String output = parallels.vmCommand(vm, "clone", arguments, properties.longCommandTimeout());
        String id = createdId(output);
        inventory.refresh(id);
        return new CloneResult(id, "Success", null);
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
                parallels.vmCommand(vm, "set", arguments);
                results.add(new ConfigOperationResult(operation.group(), operation.operation(), "success", null));
            } catch (PrlctlFailure failure) {
                results.add(new ConfigOperationResult(
                        operation.group(), operation.operation(), "error", failure.getMessage()));
            }
        }
        inventory.refresh(vm.id());
        return new ConfigResult(results);
    }

    /**
     * Runs a command in the guest through {@code prlctl exec}. The command string is handed to the guest's shell as one
     * argument: the host never interprets it.
     */
    public ExecuteResult execute(String idOrName, Execute request) {
        Execution execution = prepare(idOrName, request);
        CommandRunner.Output output =
                parallels.exec(execution.vm(), execution.guest(), properties.longCommandTimeout());
        String error = output.exitCode() == 0
                ? null
                : output.stderr().isBlank() ? null : output.stderr().strip();
        return new ExecuteResult(output.stdout(), output.stderr(), output.exitCode(), error);
    }

    /** A command that may run: the VM and the guest's command line. */
    public record Execution(Vm vm, List<String> guest) {}

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
        List<String> guest = new ArrayList<>();
        if (request.useSudo() || request.user() != null) {
            guest.addAll(List.of("sudo", "-u", request.user() == null ? "root" : request.user()));
        }
        Map<String, String> environment =
                request.environmentVariables() == null ? Map.of() : request.environmentVariables();
        if (!environment.isEmpty()) {
            guest.add("env");
            environment.forEach((name, value) -> {
                if (!ENV_NAME.matcher(name).matches()) {
                    throw ProblemException.badRequest(
                            "invalid-environment", "Environment variable name '" + name + "' is invalid.");
                }
                guest.add(name + "=" + value);
            });
        }
        guest.addAll(List.of("/bin/sh", "-c", request.command()));
        return new Execution(vm, guest);
    }

    /** Runs a prepared command, handing its output on line by line; answers the guest's exit code. */
    public int executeStreaming(Execution execution, CommandRunner.OutputListener listener) {
        return parallels.execStreaming(execution.vm(), execution.guest(), properties.longCommandTimeout(), listener);
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

    static String createdId(String prlctlOutput) {
        Matcher matcher = CREATED_ID.matcher(prlctlOutput);
        String id = null;
        while (matcher.find()) {
            id = matcher.group(1);
        }
        if (id == null) {
            throw new IllegalStateException("prlctl did not print the new VM's id: " + prlctlOutput.strip());
        }
        return id;
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
