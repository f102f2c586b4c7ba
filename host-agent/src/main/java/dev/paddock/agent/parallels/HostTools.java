package dev.paddock.agent.parallels;

import static dev.paddock.agent.parallels.Prlctl.operand;

import dev.paddock.agent.parallels.PdCommand.Lane;
import dev.paddock.agent.parallels.PdCommand.Tool;
import java.nio.file.Path;
import java.util.List;

/** The {@code prlsrvctl} calls and the macOS tools the driver uses, as typed values (see {@link Prlctl}). */
public final class HostTools {

    private HostTools() {}

    /** {@code prlsrvctl info --json}: PD's own settings and licence state; no CPU or memory (REF models/parallels_info.go). */
    public static PdCommand serverInfo() {
        return new PdCommand(Tool.PRLSRVCTL, List.of("info", "--json"), Lane.CONTROL);
    }

    /** {@code prlsrvctl info --license --json} (REF license.go:24-75). */
    public static PdCommand licenseInfo() {
        return new PdCommand(Tool.PRLSRVCTL, List.of("info", "--license", "--json"), Lane.CONTROL);
    }

    /** {@code prlsrvctl user list --json}: keys NAME, DEF_VM_HOME, MNG_SETTINGS (REF models/parallels_desktop_user.go). */
    public static PdCommand users() {
        return new PdCommand(Tool.PRLSRVCTL, List.of("user", "list", "--json"), Lane.CONTROL);
    }

    /** {@code sysctl -n <name>}: host hardware, as the reference reads it (system/main.go, getMacSystemHardwareInfo). */
    public static PdCommand sysctl(String name) {
        return new PdCommand(Tool.SYSCTL, List.of("-n", operand(name)), Lane.CONTROL);
    }

    /** {@code uname -m}: {@code arm64} or {@code x86_64} (REF system/main.go, getMacArchitecture). */
    public static PdCommand machine() {
        return new PdCommand(Tool.UNAME, List.of("-m"), Lane.CONTROL);
    }

    /** {@code chown -R <owner> <bundle>}: a bundle written by the agent handed to its VM's owner (REF catalog/pull.go:406). */
    public static PdCommand chown(String owner, Path bundle) {
        return new PdCommand(Tool.CHOWN, List.of("-R", operand(owner), operand(bundle.toString())), Lane.BUNDLE);
    }

    /** {@code prlcopy --vm <id> <file> <guest folder>}: upload into a guest on PD 20.2 and later (REF main.go:2618-2636). */
    public static PdCommand prlcopy(String vmId, Path file, String guestFolder) {
        return new PdCommand(
                Tool.PRLCOPY,
                List.of("--vm", operand(vmId), operand(file.toString()), operand(guestFolder)),
                Lane.GUEST);
    }
}
