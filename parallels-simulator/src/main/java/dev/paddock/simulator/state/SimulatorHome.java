package dev.paddock.simulator.state;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the simulated host keeps everything: {@code $PADDOCK_SIM_HOME} (default {@code ~/.paddock-sim}). Layout:
 * {@code registry/<uuid>.json} (registered VMs), {@code Parallels/} (the first user's bundle folder),
 * {@code Users/<name>/Parallels/} (other users'), {@code events.jsonl} (what {@code monitor-events} streams, each line
 * prefixed by the VM's owner), {@code faults.properties} (injected faults), {@code host.properties} (the simulated
 * Mac), {@code owners.properties} (bundle owners, see {@link Ownership}), {@code sudo.log} (what {@code bin/sudo} ran),
 * {@code guests/<uuid>/} (a running VM's log and {@code fs/}, where {@code prlcopy} puts files).
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
