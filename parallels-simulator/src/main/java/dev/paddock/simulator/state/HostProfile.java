package dev.paddock.simulator.state;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;

/**
 * What the simulated Mac is: architecture, size and Parallels Desktop version. Read from {@code host.properties} in the
 * simulator home, with {@code PADDOCK_SIM_ARCH} (arm64 or x86_64) as a shortcut for the most common setting.
 */
public record HostProfile(
        String architecture,
        String hostname,
        int cpus,
        long memoryMb,
        long diskMb,
        String pdVersion,
        String pdBuild,
        boolean licensed,
        String osVersion) {

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
        return new HostProfile(
                architecture,
                properties.getProperty("hostname", "simulated-mac-" + architecture),
                Integer.parseInt(properties.getProperty("cpus", "12")),
                Long.parseLong(properties.getProperty("memory-mb", "32768")),
                Long.parseLong(properties.getProperty("disk-mb", "1000000")),
                properties.getProperty("pd-version", "26.1.0"),
                properties.getProperty("pd-build", "57288"),
                Boolean.parseBoolean(properties.getProperty("licensed", "true")),
                properties.getProperty("os-version", "15.1"));
    }

    /** The CPU type label PD prints in a VM's hardware section. */
    public String cpuType() {
        return architecture.equals("arm64") ? "arm" : "x86";
    }
}
