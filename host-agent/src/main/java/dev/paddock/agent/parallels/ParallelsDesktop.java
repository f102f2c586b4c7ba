package dev.paddock.agent.parallels;

import dev.paddock.agent.AgentProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parallels Desktop as the rest of the agent sees it. Lists VMs of every macOS user PD knows (each user's VMs with
 * their own {@code prlctl}, when running as owners), and runs VM commands as the VM's owner.
 */
@Service
public class ParallelsDesktop {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CommandRunner runner;
    private final AgentProperties properties;

    ParallelsDesktop(CommandRunner runner, AgentProperties properties) {
        this.runner = runner;
        this.properties = properties;
    }

    /** Every VM on this host, freshly from PD. */
    public List<Vm> listAll() {
        List<Vm> vms = new ArrayList<>();
        for (String user : users()) {
            String output = runner.prlctl(properties.runAsOwner() ? user : null, List.of("list", "-a", "-i", "--json"));
            for (JsonNode node : parseArray(output)) {
                vms.add(Vm.parse(node, user));
            }
            if (!properties.runAsOwner()) {
                break;
            }
        }
        return vms;
    }

    /** One VM, freshly from PD. */
    public Optional<Vm> find(String idOrName, String owner) {
        try {
            String output = runner.prlctl(
                    properties.runAsOwner() ? owner : null, List.of("list", idOrName, "-a", "-i", "--json"));
            List<JsonNode> nodes = parseArray(output);
            return nodes.isEmpty() ? Optional.empty() : Optional.of(Vm.parse(nodes.getFirst(), owner));
        } catch (PrlctlFailure failure) {
            if (failure.isNotFound()) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** Runs {@code prlctl <operation> <vm> <extra...>} as the VM's owner. */
    public String vmCommand(Vm vm, String operation, List<String> extra) {
        return vmCommand(vm, operation, extra, properties.commandTimeout());
    }

    public String vmCommand(Vm vm, String operation, List<String> extra, Duration timeout) {
        List<String> arguments = new ArrayList<>();
        arguments.add(operation);
        arguments.add(vm.id());
        arguments.addAll(extra);
        return runner.prlctl(ownerOf(vm), timeout, arguments);
    }

    /** Runs a prlctl command that is not about one existing VM (register, create). */
    public String command(@Nullable String owner, List<String> arguments, Duration timeout) {
        return runner.prlctl(properties.runAsOwner() ? owner : null, timeout, arguments);
    }

    public CommandRunner.Output exec(Vm vm, List<String> command, Duration timeout) {
        List<String> arguments = new ArrayList<>(List.of("exec", vm.id()));
        arguments.addAll(command);
        return runner.prlctlOutput(ownerOf(vm), timeout, arguments);
    }

    /** {@code prlctl exec}, its output handed on line by line as the guest writes it; answers the exit code. */
    public int execStreaming(Vm vm, List<String> command, Duration timeout, CommandRunner.OutputListener listener) {
        List<String> arguments = new ArrayList<>(List.of("exec", vm.id()));
        arguments.addAll(command);
        return runner.prlctlStreaming(ownerOf(vm), timeout, arguments, listener);
    }

    /** {@code prlsrvctl info --json}. */
    public JsonNode hostInfo() {
        return JSON.readTree(runner.prlsrvctl(List.of("info", "--json")));
    }

    /** PD's version, e.g. {@code 26.1.0}. */
    public String version() {
        String line = runner.prlctl(null, List.of("--version")).strip();
        String[] words = line.split("\\s+");
        return words.length >= 3 ? words[2] : line;
    }

    /** The macOS users PD knows (their VMs are listed with their own prlctl). */
    public List<String> users() {
        if (!properties.runAsOwner()) {
            return List.of(System.getProperty("user.name"));
        }
        List<String> users = new ArrayList<>();
        for (JsonNode user : parseArray(runner.prlsrvctl(List.of("user", "list", "--json")))) {
            users.add(user.path("name").asString());
        }
        return users;
    }

    /** The folders PD keeps VMs in, one per macOS user ({@code prlsrvctl user list}). */
    public List<java.nio.file.Path> vmHomes() {
        List<java.nio.file.Path> homes = new ArrayList<>();
        for (JsonNode user : parseArray(runner.prlsrvctl(List.of("user", "list", "--json")))) {
            String home = user.path("vm_home").asString("");
            String name = user.path("name").asString("");
            if (!home.isBlank()) {
                homes.add(java.nio.file.Path.of(home));
            } else if (!name.isBlank()) {
                homes.add(java.nio.file.Path.of("/Users", name, "Parallels"));
            }
        }
        return homes;
    }

    /** {@code prlctl snapshot-list <vm> --json}: snapshot id → {name, date, state, current, parent}. */
    public JsonNode snapshots(Vm vm) {
        String output = vmCommand(vm, "snapshot-list", List.of("--json")).strip();
        return output.isEmpty() ? JSON.createObjectNode() : JSON.readTree(output);
    }

    private @Nullable String ownerOf(Vm vm) {
        return properties.runAsOwner() ? vm.owner() : null;
    }

    private static List<JsonNode> parseArray(String output) {
        String trimmed = output.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        JsonNode parsed = JSON.readTree(trimmed);
        List<JsonNode> nodes = new ArrayList<>();
        if (parsed.isArray()) {
            parsed.forEach(nodes::add);
        } else if (parsed.isObject()) {
            nodes.add(parsed);
        }
        return nodes;
    }
}
