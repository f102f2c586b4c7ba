package dev.paddock.agent.hardware;

import dev.paddock.agent.parallels.CommandRunner;
import dev.paddock.agent.parallels.HostTools;
import dev.paddock.agent.parallels.PdCommand;
import dev.paddock.contracts.architecture.Architectures;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The Mac's hardware, read the way the reference reads it (Parallels/prl-devops-service
 * src/serviceprovider/system/main.go, getMacSystemHardwareInfo): {@code sysctl -n hw.memsize} (bytes),
 * {@code hw.logicalcpu}, {@code hw.physicalcpu}, {@code machdep.cpu.brand_string}, and {@code uname -m}. PD's own
 * {@code prlsrvctl info} reports none of these (REF models/parallels_info.go). Hardware does not change while the agent
 * runs, so it is read once; a value that cannot be read is an error with the reason, never a guess: a host that
 * reported 0 MB would never be given a VM, and one that guessed its architecture would take the wrong images.
 */
@Component
public class HostHardware {

    private final CommandRunner runner;
    private final AtomicReference<Hardware> read = new AtomicReference<>();

    HostHardware(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * @param architecture {@code arm64} or {@code x86_64}
     * @param memoryMb physical memory
     */
    public record Hardware(String architecture, String cpuBrand, int physicalCpus, int logicalCpus, long memoryMb) {}

    public Hardware hardware() {
        Hardware known = read.get();
        if (known == null) {
            known = readHardware();
            read.set(known);
        }
        return known;
    }

    public String architecture() {
        return hardware().architecture();
    }

    private Hardware readHardware() {
        String machine = value(HostTools.machine());
        String architecture = Architectures.canonical(machine)
                .orElseThrow(() -> new HardwareUnreadable(
                        "uname -m printed '" + machine + "', which is neither arm64 nor x86_64"));
        long memoryBytes = number(HostTools.sysctl("hw.memsize"));
        return new Hardware(
                architecture,
                value(HostTools.sysctl("machdep.cpu.brand_string")),
                (int) number(HostTools.sysctl("hw.physicalcpu")),
                (int) number(HostTools.sysctl("hw.logicalcpu")),
                memoryBytes / (1024 * 1024));
    }

    private long number(PdCommand command) {
        String text = value(command);
        try {
            long parsed = Long.parseLong(text);
            if (parsed <= 0) {
                throw new HardwareUnreadable("'" + command.display() + "' printed " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new HardwareUnreadable("'" + command.display() + "' printed '" + text + "', not a number");
        }
    }

    private String value(PdCommand command) {
        CommandRunner.Output output;
        try {
            output = runner.run(command, null);
        } catch (RuntimeException e) {
            throw new HardwareUnreadable("'" + command.display() + "' could not run: " + e.getMessage());
        }
        String text = output.stdout().strip();
        if (output.exitCode() != 0 || text.isEmpty()) {
            throw new HardwareUnreadable("'" + command.display() + "' failed (exit " + output.exitCode() + "): "
                    + output.stderr().strip());
        }
        return text;
    }

    /** The host's hardware cannot be read, so the host cannot be offered for VMs. */
    public static final class HardwareUnreadable extends RuntimeException {
        HardwareUnreadable(String reason) {
            super("Cannot read this Mac's hardware: " + reason
                    + ". Check paddock.agent.tools.sysctl and .uname; the host is not reported until it can be read.");
        }
    }
}
