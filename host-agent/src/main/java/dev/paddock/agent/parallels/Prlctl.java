package dev.paddock.agent.parallels;

import dev.paddock.agent.parallels.PdCommand.Lane;
import dev.paddock.agent.parallels.PdCommand.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code prlctl} invocation the agent makes, as typed values. Each form is the reference service's (REF,
 * {@code Parallels/prl-devops-service src/serviceprovider/parallelsdesktop/main.go}) or the open-source prlctl's (OVZ,
 * {@code OpenVZ/prlctl}); {@code docs/compatibility.md} lists them with their evidence, and the recorded-output corpus
 * ({@code parallels-simulator/src/main/resources/pd-corpus}) holds what PD prints for each.
 */
public final class Prlctl {

    private Prlctl() {}

    /** {@code prlctl --version}: {@code prlctl version 26.1.0 (57288)} (REF main.go:209-239). */
    public static PdCommand version() {
        return control("--version");
    }

    /** Every VM of the calling user; templates are hidden (OVZ PrlList.cpp:590-596), see {@link #listTemplates}. */
    public static PdCommand listAll() {
        return control("list", "-a", "-i", "--json");
    }

    /** The calling user's templates, which a plain list hides (vagrant-parallels driver/base.rb:705-721). */
    public static PdCommand listTemplates() {
        return control("list", "-t", "-a", "-i", "--json");
    }

    /** One VM or template by id or name, with its whole configuration (REF main.go:1042-1064). */
    public static PdCommand listOne(String idOrName) {
        return control("list", operand(idOrName), "-a", "-i", "--json");
    }

    /** One VM's live status: {@code uuid, status, ip_configured, name} (REF main.go:1408-1437). */
    public static PdCommand status(String id) {
        return control("list", operand(id), "-a", "-f", "--json");
    }

    /** {@code prlctl <start|stop|...> <id>}; {@code flags} only {@code --kill} or {@code --drop-state} for stop. */
    public static PdCommand power(PowerOperation operation, String id, StopMode mode) {
        List<String> arguments = new ArrayList<>(List.of(operation.verb(), operand(id)));
        if (operation == PowerOperation.STOP) {
            arguments.addAll(mode.flags());
        } else if (mode != StopMode.GRACEFUL) {
            throw new IllegalArgumentException(mode + " applies to stop only");
        }
        return new PdCommand(Tool.PRLCTL, arguments, Lane.CONTROL);
    }

    /** How a stop ends the guest (REF main.go:1241-1247; OVZ CmdParam.cpp:69-77). */
    public enum StopMode {
        GRACEFUL,
        /** {@code --kill}: power off at once, as pulling the plug. */
        KILL,
        /** {@code --drop-state}: a suspended VM is stopped by discarding its saved state. */
        DROP_STATE;

        List<String> flags() {
            return switch (this) {
                case GRACEFUL -> List.of();
                case KILL -> List.of("--kill");
                case DROP_STATE -> List.of("--drop-state");
            };
        }
    }

    /**
     * {@code prlctl register <bundle> --uuid <U> ...}. The UUID is always given: real prlctl prints no id, and without
     * {@code --uuid} registers the VM under a new random one (OVZ PrlSrv.cpp:863-901; REF main.go:1594-1655 generates
     * it the same way).
     */
    public static PdCommand register(Path bundle, String uuid, RegisterOptions options) {
        List<String> arguments = new ArrayList<>(List.of("register", operand(bundle.toString()), "--uuid", uuid));
        if (options.regenerateSourceUuid()) {
            arguments.add("--regenerate-src-uuid");
        }
        if (options.force()) {
            arguments.add("--force");
        }
        if (options.delayApplyingRestrictions()) {
            arguments.add("--delay-applying-restrictions");
        }
        return new PdCommand(Tool.PRLCTL, arguments, Lane.BUNDLE);
    }

    /** The flags of {@code prlctl register} the reference's API exposes. */
    public record RegisterOptions(boolean regenerateSourceUuid, boolean force, boolean delayApplyingRestrictions) {}

    /** {@code prlctl unregister <id> [--clean-src-uuid]} (REF main.go:1657-1689). */
    public static PdCommand unregister(String id, boolean cleanSourceUuid) {
        return cleanSourceUuid
                ? control("unregister", operand(id), "--clean-src-uuid")
                : control("unregister", operand(id));
    }

    /** {@code prlctl delete <id>}: the VM and its files (REF main.go:1396-1405). */
    public static PdCommand delete(String id) {
        return new PdCommand(Tool.PRLCTL, List.of("delete", operand(id)), Lane.BUNDLE);
    }

    /**
     * {@code prlctl clone <id> --name <n> [--dst <folder>]}. prlctl prints no id of the clone (OVZ PrlVm.cpp:1361-1389);
     * the caller finds it by name, as vagrant-parallels does (driver/base.rb:79-101).
     */
    public static PdCommand clone(String sourceId, String name, @Nullable Path destination) {
        List<String> arguments = new ArrayList<>(List.of("clone", operand(sourceId), "--name", operand(name)));
        if (destination != null) {
            arguments.addAll(List.of("--dst", operand(destination.toString())));
        }
        return new PdCommand(Tool.PRLCTL, arguments, Lane.BUNDLE);
    }

    /** {@code prlctl set <id> <settings...>}; the settings were validated by their builder. */
    public static PdCommand set(String id, List<String> settings) {
        List<String> arguments = new ArrayList<>(List.of("set", operand(id)));
        arguments.addAll(settings);
        return new PdCommand(Tool.PRLCTL, arguments, Lane.CONTROL);
    }

    /**
     * A new MAC address for the first network adapter, as the reference does after every register and clone
     * (main.go:2926-2964), so copies of one golden image do not share a MAC on the host's network.
     */
    public static PdCommand regenerateMac(String id) {
        return set(id, List.of("--device-set", "net0", "--mac", "auto"));
    }

    /**
     * {@code prlctl exec <id> <command line>}: one argument, which PD hands to the guest's shell ({@code bash -c} on
     * Linux and macOS, {@code cmd /c} on Windows; OVZ man/prlctl.8:193-195). The reference sends the same single string
     * (main.go:2676-2685).
     */
    public static PdCommand exec(String id, String commandLine) {
        return new PdCommand(Tool.PRLCTL, List.of("exec", operand(id), commandLine), Lane.GUEST);
    }

    /** The IP of a macOS guest, which {@code list} does not report (REF main.go:773-871). */
    public static PdCommand macGuestAddress(String id) {
        return exec(id, "ipconfig getifaddr en0");
    }

    /** {@code prlctl snapshot <id> -n <name> [-d <description>]} (REF main.go:1440-1483). */
    public static PdCommand snapshot(String id, String name, @Nullable String description) {
        List<String> arguments = new ArrayList<>(List.of("snapshot", operand(id), "-n", name));
        if (description != null && !description.isBlank()) {
            arguments.addAll(List.of("-d", description));
        }
        return new PdCommand(Tool.PRLCTL, arguments, Lane.CONTROL);
    }

    /** {@code prlctl snapshot-list <id> --json}: snapshot id → {name, date, state, current, parent}. */
    public static PdCommand snapshotList(String id) {
        return control("snapshot-list", operand(id), "--json");
    }

    /** {@code prlctl snapshot-delete <id> --id <snapshot> [-c]} (REF main.go:1486-1517). */
    public static PdCommand snapshotDelete(String id, String snapshotId, boolean withChildren) {
        return withChildren
                ? control("snapshot-delete", operand(id), "--id", operand(snapshotId), "-c")
                : control("snapshot-delete", operand(id), "--id", operand(snapshotId));
    }

    /** {@code prlctl snapshot-switch <id> --id <snapshot> [--skip-resume]} (REF main.go:1519-1550). */
    public static PdCommand snapshotSwitch(String id, String snapshotId, boolean skipResume) {
        return skipResume
                ? control("snapshot-switch", operand(id), "--id", operand(snapshotId), "--skip-resume")
                : control("snapshot-switch", operand(id), "--id", operand(snapshotId));
    }

    /** {@code prlctl monitor-events --json}: one JSON object a line, until killed (REF event_monitor.go:61-111). */
    public static PdCommand monitorEvents() {
        return control("monitor-events", "--json");
    }

    private static PdCommand control(String... arguments) {
        return new PdCommand(Tool.PRLCTL, List.of(arguments), Lane.CONTROL);
    }

    /** An id, name or path in operand position: one starting with '-' would be read as a flag. */
    static String operand(String value) {
        if (value.isBlank() || value.startsWith("-")) {
            throw new IllegalArgumentException("'" + value + "' cannot be passed to prlctl as an operand");
        }
        return value;
    }
}
