package dev.paddock.agent.parallels;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.Prlctl.RegisterOptions;
import dev.paddock.agent.parallels.Prlctl.StopMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parallels Desktop as the rest of the agent sees it: typed operations on VMs, each run as the VM's owner. PD keeps a
 * VM list per macOS user, so listing asks each user PD knows ({@code prlsrvctl user list}) for their VMs and their
 * templates, which a plain list hides.
 */
@Service
public class ParallelsDesktop {

    private final CommandRunner runner;
    private final AgentProperties properties;

    ParallelsDesktop(CommandRunner runner, AgentProperties properties) {
        this.runner = runner;
        this.properties = properties;
    }

    /** A macOS user PD knows, and the folder PD keeps their VMs in. */
    public record PdUser(String name, @Nullable Path vmHome) {}

    /** Every VM and template on this host, freshly from PD. */
    public List<Vm> listAll() {
        List<Vm> vms = new ArrayList<>();
        for (String owner : owners()) {
            String runAs = properties.runAsOwner() ? owner : null;
            for (PdCommand list : List.of(Prlctl.listAll(), Prlctl.listTemplates())) {
                for (JsonNode node : PdOutput.array(runner.check(list, runAs))) {
                    vms.add(Vm.parse(node, owner));
                }
            }
        }
        return vms;
    }

    /** One VM or template, freshly from PD; empty when PD does not know it. */
    public Optional<Vm> find(String idOrName, String owner) {
        try {
            List<JsonNode> nodes =
                    PdOutput.array(runner.check(Prlctl.listOne(idOrName), properties.runAsOwner() ? owner : null));
            return nodes.isEmpty() ? Optional.empty() : Optional.of(Vm.parse(nodes.getFirst(), owner));
        } catch (PrlctlFailure failure) {
            if (failure.isNotFound()) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** PD's live view of one VM ({@code list -f}): uuid, status, ip_configured, name. */
    public ObjectNode status(Vm vm) {
        List<JsonNode> nodes = PdOutput.array(runner.check(Prlctl.status(vm.id()), ownerOf(vm)));
        if (nodes.isEmpty() || !nodes.getFirst().isObject()) {
            throw new PrlctlFailure(Prlctl.status(vm.id()), 1, "The virtual machine could not be found.");
        }
        return (ObjectNode) nodes.getFirst();
    }

    public void power(Vm vm, PowerOperation operation, StopMode mode) {
        runner.check(Prlctl.power(operation, vm.id(), mode), ownerOf(vm));
    }

    /** Registers a bundle under the given UUID as {@code owner}; the caller finds the VM by that UUID. */
    public void register(@Nullable String owner, Path bundle, String uuid, RegisterOptions options) {
        runner.check(Prlctl.register(bundle, uuid, options), runAs(owner));
    }

    public void unregister(Vm vm, boolean cleanSourceUuid) {
        runner.check(Prlctl.unregister(vm.id(), cleanSourceUuid), ownerOf(vm));
    }

    public void delete(Vm vm) {
        runner.check(Prlctl.delete(vm.id()), ownerOf(vm));
    }

    /** Clones a VM or template; the clone belongs to the source's owner and is found by its name afterwards. */
    public void clone(Vm source, String name, @Nullable Path destination) {
        runner.check(Prlctl.clone(source.id(), name, destination), ownerOf(source));
    }

    public void set(Vm vm, List<String> settings) {
        runner.check(Prlctl.set(vm.id(), settings), ownerOf(vm));
    }

    public void regenerateMac(Vm vm) {
        runner.check(Prlctl.regenerateMac(vm.id()), ownerOf(vm));
    }

    /** Runs one command line in the guest; answers its output and exit code (passed through by prlctl). */
    public CommandRunner.Output exec(Vm vm, String commandLine, Duration timeout) {
        return runner.run(Prlctl.exec(vm.id(), commandLine), ownerOf(vm), timeout);
    }

    /** {@link #exec}, its output handed on line by line as the guest writes it; answers the exit code. */
    public int execStreaming(Vm vm, String commandLine, Duration timeout, CommandRunner.OutputListener listener) {
        return runner.stream(Prlctl.exec(vm.id(), commandLine), ownerOf(vm), timeout, listener);
    }

    /** A running macOS guest's address, asked from inside the guest; empty if the guest does not answer with one. */
    public Optional<String> macGuestAddress(Vm vm, Duration timeout) {
        CommandRunner.Output output = runner.run(Prlctl.macGuestAddress(vm.id()), ownerOf(vm), timeout);
        String address = output.stdout().strip();
        return output.exitCode() == 0 && address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
                ? Optional.of(address)
                : Optional.empty();
    }

    public String snapshot(Vm vm, String name, @Nullable String description) {
        return runner.check(Prlctl.snapshot(vm.id(), name, description), ownerOf(vm));
    }

    /** {@code snapshot-list --json}: snapshot id (braced or not) → {name, date, state, current, parent}. */
    public JsonNode snapshots(Vm vm) {
        return PdOutput.json(runner.check(Prlctl.snapshotList(vm.id()), ownerOf(vm)));
    }

    public void deleteSnapshot(Vm vm, String snapshotId, boolean withChildren) {
        runner.check(Prlctl.snapshotDelete(vm.id(), snapshotId, withChildren), ownerOf(vm));
    }

    public void switchSnapshot(Vm vm, String snapshotId, boolean skipResume) {
        runner.check(Prlctl.snapshotSwitch(vm.id(), snapshotId, skipResume), ownerOf(vm));
    }

    /** Copies a file into a running guest with {@code prlcopy} (PD 20.2 and later). */
    public void copyIntoGuest(Vm vm, Path file, String guestFolder) {
        runner.check(HostTools.prlcopy(vm.id(), file, guestFolder), ownerOf(vm));
    }

    /** Hands a bundle the agent wrote to the user who will register it, unless that is the agent's own user. */
    public void handOver(Path bundle, @Nullable String owner) {
        String runAs = runAs(owner);
        if (runAs != null && runner.switchesUser(runAs)) {
            runner.check(HostTools.chown(runAs, bundle), null);
        }
    }

    /** {@code prlsrvctl info --json}. */
    public JsonNode serverInfo() {
        return PdOutput.json(runner.check(HostTools.serverInfo(), null));
    }

    /** {@code prlsrvctl info --license --json}, the edition note before it skipped. */
    public JsonNode licenseInfo() {
        return PdOutput.json(runner.check(HostTools.licenseInfo(), null));
    }

    /** PD's version, e.g. {@code 26.1.0}. */
    public String version() {
        String line = runner.check(Prlctl.version(), null).strip();
        String[] words = line.split("\\s+");
        return words.length >= 3 ? words[2] : line;
    }

    /**
     * The macOS users PD knows. {@code NAME} may carry a host ({@code user@host}); sudo wants the bare name, so the
     * suffix goes, as in the reference (main.go:1837).
     */
    public List<PdUser> users() {
        List<PdUser> users = new ArrayList<>();
        for (JsonNode user : PdOutput.array(runner.check(HostTools.users(), null))) {
            String name = bareUserName(user.path("NAME").asString(""));
            String home = user.path("DEF_VM_HOME").asString("");
            if (!name.isBlank()) {
                users.add(new PdUser(name, home.isBlank() ? null : Path.of(home)));
            }
        }
        return users;
    }

    /** The folders PD keeps VMs in, one per macOS user. */
    public List<Path> vmHomes() {
        List<Path> homes = new ArrayList<>();
        for (PdUser user : users()) {
            homes.add(user.vmHome() != null ? user.vmHome() : Path.of("/Users", user.name(), "Parallels"));
        }
        return homes;
    }

    /** The users whose VMs this agent manages: each PD user when running as owners, else the agent's own user. */
    public List<String> owners() {
        if (!properties.runAsOwner()) {
            return List.of(System.getProperty("user.name"));
        }
        return users().stream().map(PdUser::name).toList();
    }

    /** Whether commands for {@code owner} run as that user (through sudo). */
    public boolean runsAs(@Nullable String owner) {
        return runner.switchesUser(runAs(owner));
    }

    static String bareUserName(String name) {
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }

    private @Nullable String ownerOf(Vm vm) {
        return runAs(vm.owner());
    }

    private @Nullable String runAs(@Nullable String owner) {
        return properties.runAsOwner() ? owner : null;
    }
}
