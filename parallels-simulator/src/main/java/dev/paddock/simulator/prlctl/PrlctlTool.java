package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.Invocation;
import dev.paddock.simulator.SimulatorFailure;
import dev.paddock.simulator.state.Faults;
import dev.paddock.simulator.state.HostProfile;
import dev.paddock.simulator.state.Ownership;
import dev.paddock.simulator.state.Registry;
import dev.paddock.simulator.state.Snapshot;
import dev.paddock.simulator.state.VmRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code prlctl}: the commands of {@code reference/prlctl.md}, with the real tool's argument forms, JSON shapes, stderr
 * messages and non-zero exit codes. Every change to a VM also appends the event PD would emit.
 */
public final class PrlctlTool {

    private static final DateTimeFormatter SNAPSHOT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Registry registry;
    private final HostProfile host;
    private final GuestProcesses guests;
    private final PrintStream out;
    private final Invocation invocation;
    private final Ownership ownership;

    public PrlctlTool(Registry registry, HostProfile host, Invocation invocation) {
        this.registry = registry;
        this.host = host;
        this.guests = new GuestProcesses(registry.home(), invocation.environment());
        this.out = invocation.out();
        this.invocation = invocation;
        this.ownership = registry.ownership();
    }

    /** Runs one invocation; returns the exit code (failures are thrown as {@link SimulatorFailure}). */
    public int run(List<String> args) {
        if (args.isEmpty()) {
            throw SimulatorFailure.usage("Usage: prlctl <command> [options]");
        }
        String command = args.getFirst();
        if (command.equals("--version") || command.equals("-V")) {
            out.println("prlctl version " + host.pdVersion() + " (" + host.pdBuild() + ")");
            return 0;
        }
        applyFaults(command);
        if (args.size() > 1) {
            // A fault narrowed to one VM names it by name or id, whichever the caller used.
            registry.find(args.get(1))
                    .ifPresentOrElse(
                            vm -> {
                                applyFaults(command + "@" + vm.name);
                                applyFaults(command + "@" + vm.uuid);
                            },
                            () -> applyFaults(command + "@" + args.get(1)));
        }
        Arguments a = new Arguments(args.subList(1, args.size()));
        return switch (command) {
            case "list" -> list(a);
            case "start", "stop", "restart", "suspend", "resume", "pause", "reset" -> power(command, a);
            case "create" -> create(a);
            case "register" -> register(a);
            case "unregister" -> unregister(a);
            case "delete" -> delete(a);
            case "clone" -> clone(a);
            case "set" -> new SetCommand(registry, host, out).run(a);
            case "exec" -> new ExecCommand(registry, invocation).run(args.subList(1, args.size()));
            case "snapshot" -> snapshot(a);
            case "snapshot-list" -> snapshotList(a);
            case "snapshot-delete" -> snapshotDelete(a);
            case "snapshot-switch" -> snapshotSwitch(a);
            case "pack", "unpack" -> pack(command, a);
            case "monitor-events" -> {
                a.flag("-j", "--json");
                a.requireEmpty("monitor-events");
                yield new EventStream(registry.home(), Faults.load(registry.home()), invocation, ownership.actingUser())
                        .follow();
            }
            default ->
                throw SimulatorFailure.usage("Unknown command: " + command + "\nUsage: prlctl <command> [options]");
        };
    }

    private void applyFaults(String command) {
        Faults faults = Faults.load(registry.home());
        try {
            if (faults.hangs(command)) {
                Thread.sleep(Long.MAX_VALUE);
            }
            long delay = faults.delayMillis(command);
            if (delay > 0) {
                Thread.sleep(delay);
            }
        } catch (InterruptedException e) {
            // The caller gave up (killed its prlctl): a killed process would not go on to run the command.
            Thread.currentThread().interrupt();
            throw new SimulatorFailure(130, "Interrupted.");
        }
        faults.failure(command).ifPresent(message -> {
            throw new SimulatorFailure(1, message);
        });
    }

    // ---- list ----------------------------------------------------------------------------------------------------

    /**
     * {@code list [-a] [-i] [-f] [-t] [-j] [<id>]}, as OVZ's {@code list_vm}: templates are hidden unless {@code -t}
     * (then only templates are listed) or an id is named; without {@code -a} or {@code -i} only running VMs are listed;
     * a bulk {@code -i} listing has no {@code Home} (REF).
     */
    private int list(Arguments a) {
        boolean info = a.flag("-i", "--info");
        boolean json = a.flag("-j", "--json");
        boolean all = a.flag("-a", "--all");
        boolean templates = a.flag("-t", "--template");
        a.flag("-f", "--full");
        a.flag("-H", "--no-header");
        a.option("-o", "--output");
        a.option("-s", "--sort");
        a.option("--vmtype");
        String only = a.positionalOrNull();
        a.requireEmpty("list");
        List<VmRecord> vms = registry.locked(false, r -> {
            if (only == null) {
                return r.all();
            }
            return List.of(r.find(only).orElseThrow(SimulatorFailure::notFound));
        });
        vms = vms.stream()
                .filter(vm -> !templates || vm.template)
                .filter(vm -> templates || only != null || !vm.template)
                .filter(vm -> info || only != null || all || templates || vm.isRunning())
                .toList();
        refreshGuests(vms);
        if (json) {
            boolean bulk = only == null;
            List<Map<String, Object>> rendered = vms.stream()
                    .map(vm -> info ? PdJson.info(vm, host, bulk) : PdJson.fast(vm))
                    .toList();
            out.println(Registry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rendered));
        } else {
            out.printf("%-40s %-12s %-16s %s%n", "UUID", "STATUS", "IP_ADDR", "NAME");
            vms.forEach(vm -> out.printf(
                    "%-40s %-12s %-16s %s%n",
                    vm.bracedId(), vm.state, vm.isRunning() && !vm.isMac() ? vm.ip : "-", vm.name));
        }
        return 0;
    }

    /** A running VM whose guest process died (e.g. after the machine rebooted) gets its guest back, as PD would. */
    private void refreshGuests(List<VmRecord> vms) {
        if (vms.stream().noneMatch(vm -> vm.isRunning() && !guests.isAlive(vm))) {
            return;
        }
        registry.locked(true, r -> {
            for (VmRecord vm : vms) {
                VmRecord current = r.find(vm.uuid).orElse(null);
                if (current != null && current.isRunning() && !guests.isAlive(current)) {
                    guests.start(current);
                    r.save(current);
                }
            }
            return null;
        });
    }

    // ---- power ---------------------------------------------------------------------------------------------------

    private int power(String operation, Arguments a) {
        boolean kill = false;
        boolean dropState = false;
        switch (operation) {
            case "stop" -> {
                kill = a.flag("--kill", "-k") | a.flag("--fast");
                a.flag("--acpi");
                a.flag("--force");
                a.flag("--noforce");
                dropState = a.flag("--drop-state");
            }
            case "start" -> a.flag("--wait");
            case "pause" -> a.flag("--acpi");
            default -> {}
        }
        String id = a.requiredPositional("VM id or name");
        a.requireEmpty(operation);
        boolean dropSuspendedState = dropState;
        registry.locked(true, r -> {
            VmRecord vm = r.find(id).orElseThrow(SimulatorFailure::notFound);
            String before = vm.state;
            String after = transition(operation, vm, dropSuspendedState);
            switch (after) {
                case "running" -> {
                    if (!before.equals("running") || operation.equals("restart") || operation.equals("reset")) {
                        guests.stop(vm);
                        guests.start(vm);
                        if (!before.equals("paused") && !before.equals("suspended") || operation.equals("restart")) {
                            vm.startedAtMillis = System.currentTimeMillis();
                        }
                    }
                }
                default -> guests.stop(vm);
            }
            vm.state = after;
            r.save(vm);
            r.event(vm, "vm_state_changed", Map.of("Vm state name", after));
            return null;
        });
        // OVZ PrlVm.cpp's progress and success lines (get_vm_type_str() is "VM").
        out.println(
                switch (operation) {
                    case "start" -> "Starting the VM...\nThe VM has been successfully started.";
                    case "stop" ->
                        kill
                                ? "Stopping the VM...\nThe VM has been forcibly stopped"
                                : "Stopping the VM...\nThe VM has been successfully stopped.";
                    case "restart" -> "Restarting the VM...\nThe VM has been successfully restarted.";
                    case "suspend" -> "Suspending the VM...\nThe VM has been successfully suspended.";
                    case "resume" -> "Resuming the VM...\nThe VM has been successfully resumed.";
                    case "pause" -> "Pause the VM...\nThe VM has been successfully paused.";
                    default -> "Resetting the VM...\nThe VM has been successfully reset.";
                });
        return 0;
    }

    /**
     * The state after {@code operation}, or PD's refusal ("Failed to <verb> the VM: ..."; the reasons are the
     * simulator's own words, PD's are unknown). A suspended VM is stopped only with {@code --drop-state} (REF issues
     * it for exactly that); starting a suspended VM resumes it (unverified).
     */
    private static String transition(String operation, VmRecord vm, boolean dropState) {
        String state = vm.state;
        return switch (operation) {
            case "start" ->
                switch (state) {
                    case "stopped", "suspended" -> "running";
                    case "running" ->
                        throw new SimulatorFailure(
                                1, "Failed to start the VM: The virtual machine is already running.");
                    default ->
                        throw new SimulatorFailure(
                                1,
                                "Failed to start the VM: The operation cannot be performed because the virtual machine is "
                                        + state + ".");
                };
            case "stop" ->
                switch (state) {
                    case "running", "paused" -> "stopped";
                    case "suspended" -> {
                        if (!dropState) {
                            throw new SimulatorFailure(
                                    1,
                                    "Failed to stop the VM: The virtual machine is suspended; use --drop-state to"
                                            + " discard its saved state.");
                        }
                        yield "stopped";
                    }
                    default ->
                        throw new SimulatorFailure(1, "Failed to stop the VM: The virtual machine is not running.");
                };
            case "restart", "reset" -> {
                if (!state.equals("running")) {
                    throw new SimulatorFailure(
                            1, "Failed to " + operation + " the VM: The virtual machine is not running.");
                }
                yield "running";
            }
            case "suspend" -> {
                if (!state.equals("running")) {
                    throw new SimulatorFailure(1, "Failed to suspend the VM: The virtual machine is not running.");
                }
                yield "suspended";
            }
            case "resume" ->
                switch (state) {
                    case "suspended", "paused" -> "running";
                    default ->
                        throw new SimulatorFailure(
                                1, "Failed to resume the VM: The virtual machine is not suspended or paused.");
                };
            case "pause" -> {
                if (!state.equals("running")) {
                    throw new SimulatorFailure(1, "Failed to pause the VM: The virtual machine is not running.");
                }
                yield "paused";
            }
            default -> throw SimulatorFailure.usage("Unknown operation " + operation);
        };
    }

    // ---- create / register / unregister / delete / clone ---------------------------------------------------------

    private int create(Arguments a) {
        String ostype = a.option("-o", "--ostype").orElse("macos").toLowerCase(Locale.ROOT);
        String distribution = a.option("-d", "--distribution").orElse("");
        String destination = a.option("--dst", "--location").orElse(null);
        String uuidOption = a.option("--uuid").orElse(null);
        int cpus = Integer.parseInt(a.option("--cpus").orElse(ostype.startsWith("mac") ? "4" : "2"));
        int memory = Integer.parseInt(a.option("--memsize").orElse(ostype.startsWith("mac") ? "8192" : "4096"));
        long disk = Long.parseLong(
                a.option("--disk-size").orElse(invocation.environment().getOrDefault("PADDOCK_SIM_DISK_MB", "65536")));
        a.flag("--no-hdd");
        String name = a.requiredPositional("VM name");
        a.requireEmpty("create");
        checkName(name);
        registry.locked(true, r -> {
            if (nameTaken(r, name)) {
                throw new SimulatorFailure(
                        1, "Failed to create the VM: The virtual machine \"" + name + "\" already exists.");
            }
            VmRecord created = new VmRecord();
            created.uuid = uuidOption != null
                    ? stripBraces(uuidOption)
                    : UUID.randomUUID().toString();
            created.name = name;
            boolean mac = ostype.startsWith("mac");
            created.bundleType = mac ? "macvm" : "pvm";
            created.os = mac ? "macosx" : distribution.isEmpty() ? ostype : distribution;
            created.cpus = cpus;
            created.memoryMb = memory;
            created.diskMb = disk;
            created.mac = SetCommand.randomMac();
            created.ip = r.allocateIp();
            created.owner = ownership.actingUser();
            Path folder = destination == null ? defaultFolder() : invocation.path(destination);
            created.home = folder.resolve(name + "." + created.bundleType)
                    .toAbsolutePath()
                    .toString();
            Bundles.create(created);
            ownership.record(Path.of(created.home), created.owner);
            r.save(created);
            r.event(created, "vm_added", Map.of());
            return created;
        });
        // Like register and clone, create prints no id (OVZ): callers pass --uuid or look the VM up by name.
        out.println("Creating the VM...\nThe VM has been successfully created.");
        return 0;
    }

    /**
     * {@code register <path> [--uuid U | --preserve-uuid] [--regenerate-src-uuid] [--force]
     * [--delay-applying-restrictions]}: without {@code --uuid} or {@code --preserve-uuid} the VM gets a new UUID
     * (OVZ PrlSrv.cpp); the name is config.pvs's {@code <VmName>}, else the folder's. A bundle whose recorded owner
     * is another user is refused; a bundle with no recorded owner is registrable only without sudo.
     */
    private int register(Arguments a) {
        boolean regenerate = a.flag("--regenerate-src-uuid");
        boolean preserve = a.flag("--preserve-uuid");
        a.flag("--force");
        a.flag("--delay-applying-restrictions");
        a.flag("--ignore-ha-cluster");
        String uuidOption = a.option("--uuid").orElse(null);
        String path = a.requiredPositional("path to the VM bundle");
        a.requireEmpty("register");
        Path folder = invocation.path(path);
        if (!Bundles.isValidBundle(folder)) {
            throw new SimulatorFailure(
                    1,
                    "Failed to register the VM: The specified path is not a valid virtual machine bundle: " + folder);
        }
        String acting = ownership.actingUser();
        String recordedOwner = ownership.ownerOf(folder).orElse(null);
        if (recordedOwner != null ? !recordedOwner.equals(acting) : ownership.viaSudo()) {
            throw new SimulatorFailure(1, "Failed to register the VM: Permission denied");
        }
        registry.locked(true, r -> {
            if (r.everyone().stream()
                    .anyMatch(existing -> Path.of(existing.home).equals(folder))) {
                throw new SimulatorFailure(1, "Failed to register the VM: The virtual machine is already registered.");
            }
            String fileName = folder.getFileName().toString();
            String config = Bundles.readConfigText(folder);
            String name = Bundles.element(config, "VmName")
                    .filter(n -> !n.isBlank())
                    .orElse(fileName.substring(0, fileName.lastIndexOf('.')));
            String uniqueName = name;
            for (int i = 1; nameTaken(r, uniqueName); i++) {
                uniqueName = name + " (" + i + ")";
            }
            VmRecord registered = new VmRecord();
            registered.uuid = uuidOption != null
                    ? stripBraces(uuidOption)
                    : preserve
                            ? Bundles.element(config, "VmUuid")
                                    .map(PrlctlTool::stripBraces)
                                    .filter(u -> !u.isBlank())
                                    .orElse(UUID.randomUUID().toString())
                            : UUID.randomUUID().toString();
            if (r.everyone().stream().anyMatch(existing -> existing.uuid.equalsIgnoreCase(registered.uuid))) {
                throw new SimulatorFailure(
                        1, "Failed to register the VM: A virtual machine with this UUID is already registered.");
            }
            registered.name = uniqueName;
            registered.bundleType = fileName.endsWith(".macvm") ? "macvm" : "pvm";
            registered.os = Bundles.element(config, "OS")
                    .filter(os -> !os.isBlank())
                    .orElse(registered.isMac() ? "macosx" : "ubuntu");
            registered.home = folder.toString();
            registered.mac = SetCommand.randomMac();
            registered.ip = r.allocateIp();
            registered.owner = acting;
            readConfig(folder, registered);
            if (regenerate) {
                registered.mac = SetCommand.randomMac();
            }
            try {
                Bundles.writeConfig(registered);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            r.save(registered);
            r.event(registered, "vm_added", Map.of());
            return registered;
        });
        // OVZ PrlSrv.cpp's wording; no id is printed.
        out.println("Register the virtual environment...\nThe virtual environment has been successfully registered.");
        return 0;
    }

    private int unregister(Arguments a) {
        a.flag("--clean-src-uuid");
        String id = a.requiredPositional("VM id or name");
        a.requireEmpty("unregister");
        registry.locked(true, r -> {
            VmRecord vm = r.find(id).orElseThrow(SimulatorFailure::notFound);
            if (!vm.state.equals("stopped") && !vm.state.equals("suspended")) {
                throw new SimulatorFailure(
                        1, "Failed to unregister the VM: The virtual machine is " + vm.state + "; stop it first.");
            }
            r.remove(vm);
            r.event(vm, "vm_unregistered", Map.of());
            return null;
        });
        out.println("The VM has been successfully unregistered.");
        return 0;
    }

    /** {@code delete <vm> [--force]}: a running or paused VM is refused unless {@code --force} stops it (OVZ man). */
    private int delete(Arguments a) {
        boolean force = a.flag("--force");
        String id = a.requiredPositional("VM id or name");
        a.requireEmpty("delete");
        registry.locked(true, r -> {
            VmRecord vm = r.find(id).orElseThrow(SimulatorFailure::notFound);
            if ((vm.isRunning() || vm.state.equals("paused")) && !force) {
                throw new SimulatorFailure(
                        1, "Failed to delete the VM: The virtual machine is " + vm.state + "; stop it first.");
            }
            if (!vm.state.equals("stopped")) {
                guests.stop(vm);
                vm.state = "stopped";
                r.event(vm, "vm_state_changed", Map.of("Vm state name", "stopped"));
            }
            guests.stop(vm);
            Bundles.delete(Path.of(vm.home));
            r.remove(vm);
            r.event(vm, "vm_deleted", Map.of());
            return null;
        });
        out.println("Removing the VM...\nThe VM has been successfully removed.");
        return 0;
    }

    /**
     * {@code clone <vm> --name <new> [--dst <folder>] [--linked] [-t|--template]}: the copy goes to the acting user's
     * default VM folder unless {@code --dst} says otherwise (OVZ man), belongs to the acting user, and no id is
     * printed (OVZ PrlVm.cpp). Templates are cloned like VMs.
     */
    private int clone(Arguments a) {
        String newName =
                a.option("-n", "--name").orElseThrow(() -> SimulatorFailure.usage("clone: --name is required"));
        String destination = a.option("--dst", "--location").orElse(null);
        boolean linked = a.flag("--linked");
        boolean template = a.flag("-t", "--template");
        a.flag("--changesid", "-s");
        a.flag("--online");
        a.option("--detach-external-hdd");
        String id = a.requiredPositional("VM id or name");
        a.requireEmpty("clone");
        checkName(newName);
        String[] sourceName = new String[2];
        registry.locked(true, r -> {
            VmRecord source = r.find(id).orElseThrow(SimulatorFailure::notFound);
            sourceName[0] = source.name;
            sourceName[1] = source.template ? "template" : "VM";
            if (nameTaken(r, newName)) {
                throw new SimulatorFailure(
                        1, "Failed to clone the VM: The virtual machine \"" + newName + "\" already exists.");
            }
            if (source.isRunning() && source.isMac()) {
                throw new SimulatorFailure(
                        1, "Failed to clone the VM: Apple virtualization VMs must be stopped to be cloned.");
            }
            Path folder = destination == null ? defaultFolder() : invocation.path(destination);
            Path target = folder.resolve(newName + "." + source.bundleType).toAbsolutePath();
            if (Files.exists(target)) {
                throw new SimulatorFailure(1, "Failed to clone the VM: " + target + " already exists.");
            }
            Bundles.copy(Path.of(source.home), target);
            VmRecord copy = new VmRecord();
            copy.uuid = UUID.randomUUID().toString();
            copy.name = newName;
            copy.description = linked ? "Linked clone of " + source.name : source.description;
            copy.os = source.os;
            copy.bundleType = source.bundleType;
            copy.home = target.toString();
            copy.cpus = source.cpus;
            copy.memoryMb = source.memoryMb;
            copy.diskMb = source.diskMb;
            copy.mac = SetCommand.randomMac();
            copy.ip = r.allocateIp();
            copy.owner = ownership.actingUser();
            copy.template = template;
            try {
                Bundles.writeConfig(copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ownership.record(target, copy.owner);
            r.save(copy);
            r.event(copy, "vm_added", Map.of());
            return copy;
        });
        out.println("Clone the " + sourceName[1] + " " + sourceName[0] + " to " + (template ? "template" : "VM") + " "
                + newName + "...\n\nThe " + (template ? "template" : "VM") + " has been successfully cloned.");
        return 0;
    }

    private Path defaultFolder() {
        return host.vmHome(registry.home(), ownership.actingUser());
    }

    // ---- snapshots -----------------------------------------------------------------------------------------------

    private int snapshot(Arguments a) {
        String name = a.option("-n", "--name").orElse("Snapshot");
        String description = a.option("-d", "--description").orElse("");
        String id = a.requiredPositional("VM id or name");
        Snapshot created = registry.locked(true, r -> {
            VmRecord vm = r.find(id).orElseThrow(SimulatorFailure::notFound);
            Snapshot snapshot = new Snapshot(
                    "{" + UUID.randomUUID() + "}",
                    name,
                    description,
                    LocalDateTime.now().format(SNAPSHOT_DATE),
                    vm.isRunning() ? "running" : "poweroff",
                    vm.currentSnapshot == null ? "" : vm.currentSnapshot);
            vm.snapshots.add(snapshot);
            vm.currentSnapshot = snapshot.id();
            r.save(vm);
            r.event(vm, "vm_snapshots_tree_changed", Map.of());
            return snapshot;
        });
        out.println(
                "Creating the snapshot...\nThe snapshot with id " + created.id() + " has been successfully created.");
        return 0;
    }

    private int snapshotList(Arguments a) {
        boolean json = a.flag("-j", "--json");
        a.flag("-t", "--tree");
        String id = a.requiredPositional("VM id or name");
        VmRecord vm = registry.locked(false, r -> r.find(id).orElseThrow(SimulatorFailure::notFound));
        if (json) {
            Map<String, Object> rendered = new LinkedHashMap<>();
            for (Snapshot s : vm.snapshots) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", s.name());
                item.put("date", s.date());
                item.put("state", s.state());
                item.put("current", s.id().equals(vm.currentSnapshot));
                item.put("parent", s.parent());
                rendered.put(s.id(), item);
            }
            out.println(Registry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rendered));
        } else {
            out.printf("%-40s %-40s %s%n", "PARENT_SNAPSHOT_ID", "SNAPSHOT_ID", "NAME");
            vm.snapshots.forEach(s -> out.printf(
                    "%-40s %s%-40s %s%n", s.parent(), s.id().equals(vm.currentSnapshot) ? "*" : " ", s.id(), s.name()));
        }
        return 0;
    }

    private int snapshotDelete(Arguments a) {
        String snapshotId =
                a.option("-i", "--id").orElseThrow(() -> SimulatorFailure.usage("snapshot-delete: --id is required"));
        boolean children = a.flag("-c", "--children");
        String id = a.requiredPositional("VM id or name");
        registry.locked(true, r -> {
            VmRecord vm = r.find(id).orElseThrow(SimulatorFailure::notFound);
            Snapshot target = findSnapshot(vm, snapshotId);
            List<Snapshot> removed = new ArrayList<>(List.of(target));
            if (children) {
                collectDescendants(vm, target.id(), removed);
            }
            vm.snapshots.removeAll(removed);
            // Children of a snapshot deleted alone are re-attached to its parent, as PD merges the state down.
            vm.snapshots.replaceAll(s -> s.parent().equals(target.id())
                    ? new Snapshot(s.id(), s.name(), s.description(), s.date(), s.state(), target.parent())
                    : s);
            if (removed.stream().anyMatch(s -> s.id().equals(vm.currentSnapshot))) {
                vm.currentSnapshot = target.parent().isEmpty() ? null : target.parent();
            }
            r.save(vm);
            r.event(vm, "vm_snapshots_tree_changed", Map.of());
            return null;
        });
        out.println("Delete the snapshot...\nThe snapshot has been successfully deleted.");
        return 0;
    }

    private int snapshotSwitch(Arguments a) {
        String snapshotId =
                a.option("-i", "--id").orElseThrow(() -> SimulatorFailure.usage("snapshot-switch: --id is required"));
        boolean skipResume = a.flag("--skip-resume");
        String id = a.requiredPositional("VM id or name");
        registry.locked(true, r -> {
            VmRecord vm = r.find(id).orElseThrow(SimulatorFailure::notFound);
            Snapshot target = findSnapshot(vm, snapshotId);
            vm.currentSnapshot = target.id();
            String state = target.state().equals("running") && !skipResume ? "running" : "stopped";
            if (state.equals("running")) {
                guests.start(vm);
                vm.startedAtMillis = System.currentTimeMillis();
            } else {
                guests.stop(vm);
            }
            if (!vm.state.equals(state)) {
                vm.state = state;
                r.event(vm, "vm_state_changed", Map.of("Vm state name", state));
            }
            r.save(vm);
            r.event(vm, "vm_snapshots_tree_changed", Map.of());
            return null;
        });
        out.println("Switch to the snapshot...\nThe VM has been successfully switched.");
        return 0;
    }

    private static Snapshot findSnapshot(VmRecord vm, String snapshotId) {
        String wanted = snapshotId.startsWith("{") ? snapshotId : "{" + snapshotId + "}";
        return vm.snapshots.stream()
                .filter(s -> s.id().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new SimulatorFailure(
                        1, "Failed to find the snapshot: The snapshot " + snapshotId + " does not exist."));
    }

    private static void collectDescendants(VmRecord vm, String parent, List<Snapshot> into) {
        for (Snapshot s : vm.snapshots) {
            if (s.parent().equals(parent)) {
                into.add(s);
                collectDescendants(vm, s.id(), into);
            }
        }
    }

    // ---- pack ----------------------------------------------------------------------------------------------------

    private int pack(String operation, Arguments a) {
        String id = a.requiredPositional("VM id or name");
        registry.locked(true, r -> {
            VmRecord vm = r.find(id).orElseThrow(SimulatorFailure::notFound);
            if (!vm.state.equals("stopped")) {
                throw new SimulatorFailure(
                        1, "Failed to " + operation + " the VM: The virtual machine must be stopped.");
            }
            Path marker = Path.of(vm.home).resolve(".packed");
            try {
                if (operation.equals("pack")) {
                    Files.writeString(marker, "packed", StandardCharsets.UTF_8);
                } else {
                    Files.deleteIfExists(marker);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            r.event(vm, "vm_config_changed", Map.of());
            return null;
        });
        out.println("The VM has been successfully " + operation + "ed.");
        return 0;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    static boolean nameTaken(Registry r, String name) {
        return r.all().stream().anyMatch(existing -> existing.name.equals(name));
    }

    static void checkName(String name) {
        if (name.isBlank() || name.length() > 128 || name.contains("/") || name.startsWith(".")) {
            throw new SimulatorFailure(1, "The specified VM name \"" + name + "\" is invalid.");
        }
    }

    private static String stripBraces(String id) {
        return id.startsWith("{") && id.endsWith("}") ? id.substring(1, id.length() - 1) : id;
    }

    /** Reads cpus/memory back from a registered bundle's config.pvs, as PD does. */
    private static void readConfig(Path folder, VmRecord vm) {
        try {
            String config = Files.readString(folder.resolve("config.pvs"), StandardCharsets.UTF_8);
            vm.cpus = intBetween(config, "<Number>", "</Number>", vm.cpus);
            vm.memoryMb = intBetween(config, "<RAM>", "</RAM>", vm.memoryMb);
            for (Path disk : List.of(folder.resolve("disk0.img"))) {
                if (Files.exists(disk)) {
                    try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "r")) {
                        vm.diskMb = file.length() / (1024 * 1024);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int intBetween(String text, String open, String close, int fallback) {
        int start = text.indexOf(open);
        int end = text.indexOf(close);
        if (start < 0 || end < start) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.substring(start + open.length(), end).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
