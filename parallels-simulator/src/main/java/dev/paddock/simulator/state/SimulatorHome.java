package dev.paddock.simulator.state;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the simulated host keeps everything: {@code $PADDOCK_SIM_HOME} (default {@code ~/.paddock-sim}). Layout:
 * {@code registry/<uuid>.json} (registered VMs), {@code Parallels/} (default bundle folder), {@code events.jsonl}
 * (what {@code monitor-events} streams), {@code faults.properties} (injected faults), {@code host.properties}
 * (architecture, CPUs, memory of the simulated Mac).
 */
public record SimulatorHome(Path root) {

    public static SimulatorHome fromEnvironment(Map<String, String> environment) {
        String configured = environment.get("PADDOCK_SIM_HOME");
        return new SimulatorHome(
                configured != null && !configured.isBlank()
                        ? Path.of(configured).toAbsolutePath()
                        : Path.of(System.getProperty("user.home"), ".paddock-sim"));
    }

    public Path registry() {
        return root.resolve("registry");
    }

    public Path defaultVmFolder() {
        return root.resolve("Parallels");
    }

    public Path events() {
        return root.resolve("events.jsonl");
    }

    public Path faults() {
        return root.resolve("faults.properties");
    }

    public Path hostProperties() {
        return root.resolve("host.properties");
    }

    public Path lockFile() {
        return root.resolve(".lock");
    }

    public Path guestLogs() {
        return root.resolve("guests");
    }
}
