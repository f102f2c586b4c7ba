package dev.paddock.simulator.state;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the simulated Mac is, read from {@code host.properties} in the simulator home ({@code PADDOCK_SIM_ARCH},
 * arm64 or x86_64, overrides {@code architecture}). Keys: {@code architecture}, {@code hostname}, {@code cpus}
 * (logical), {@code physical-cpus}, {@code memory-mb}, {@code disk-mb}, {@code cpu-model}, {@code pd-version},
 * {@code pd-build}, {@code licensed}, {@code edition} ({@code pro} by default; {@code standard} makes
 * {@code prlsrvctl info --license} print PD's "not available in this edition" line first), {@code os-version},
 * {@code users} (the macOS users PD knows, comma separated; default the {@code USER} variable, else {@code builder}),
 * {@code hardware} ({@code unreadable} makes {@code sysctl} fail, as on a host whose hardware cannot be read).
 */
public record HostProfile(
        String architecture,
        String hostname,
        int cpus,
        int physicalCpus,
        long memoryMb,
        long diskMb,
        String cpuModel,
        String pdVersion,
        String pdBuild,
        boolean licensed,
        String edition,
        String osVersion,
        List<String> users,
        boolean hardwareReadable) {

    public static HostProfile load(SimulatorHome home, Map<String, String> environment) {
        Properties properties = new Properties();
        if (Files.exists(home.hostProperties())) {
            try (Reader reader = Files.newBufferedReader(home.hostProperties())) {
                properties.load(reader);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String architecture =
                environment.getOrDefault("PADDOCK_SIM_ARCH", properties.getProperty("architecture", "arm64"));
        if (!architecture.equals("arm64") && !architecture.equals("x86_64")) {
            throw new IllegalArgumentException("PADDOCK_SIM_ARCH must be arm64 or x86_64, got " + architecture);
        }
        int cpus = Integer.parseInt(properties.getProperty("cpus", "12"));
        String defaultUser = environment.getOrDefault("USER", "");
        List<String> users = Arrays.stream(properties
                        .getProperty("users", defaultUser.isBlank() ? Ownership.processUser() : defaultUser)
                        .split(","))
                .map(String::strip)
                .filter(u -> !u.isEmpty())
                .toList();
        return new HostProfile(
                architecture,
                properties.getProperty("hostname", "simulated-mac-" + architecture),
                cpus,
                Integer.parseInt(properties.getProperty("physical-cpus", String.valueOf(cpus))),
                Long.parseLong(properties.getProperty("memory-mb", "32768")),
                Long.parseLong(properties.getProperty("disk-mb", "1000000")),
                properties.getProperty(
                        "cpu-model",
                        architecture.equals("arm64") ? "Apple M2 Pro" : "Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz"),
                properties.getProperty("pd-version", "26.1.0"),
                properties.getProperty("pd-build", "57288"),
                Boolean.parseBoolean(properties.getProperty("licensed", "true")),
                properties.getProperty("edition", "pro"),
                properties.getProperty("os-version", "15.1"),
                users.isEmpty() ? List.of("builder") : users,
                !properties.getProperty("hardware", "readable").equals("unreadable"));
    }

    /** The CPU type label PD prints in a VM's hardware section. */
    public String cpuType() {
        return architecture.equals("arm64") ? "arm" : "x86";
    }

    /**
     * A user's default VM folder. The first (default) user keeps {@code <home>/Parallels}, where bundles always were,
     * so existing setups keep working; every other user gets {@code <home>/Users/<name>/Parallels}, as on a Mac.
     */
    public Path vmHome(SimulatorHome home, String user) {
        return user.equals(users.getFirst())
                ? home.defaultVmFolder()
                : home.root().resolve("Users").resolve(user).resolve("Parallels");
    }
}
