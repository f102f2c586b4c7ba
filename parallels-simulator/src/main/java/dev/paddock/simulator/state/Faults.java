package dev.paddock.simulator.state;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Properties;

/**
 * Faults injected through {@code faults.properties} in the simulator home, read at every invocation so tests can change
 * them while the agent runs. Keys, per prlctl command name ({@code start}, {@code list}, {@code monitor-events}...),
 * optionally narrowed to one VM as {@code <command>@<vm name>}: {@code <command>.fail=<message>} fails it with that
 * stderr message and exit code 1; {@code <command>.delay-ms=<n>} delays it; {@code <command>.hang=true} never returns;
 * {@code monitor-events.exit-after-ms=<n>} ends the event stream.
 */
public record Faults(Properties properties) {

    public static Faults load(SimulatorHome home) {
        Properties properties = new Properties();
        if (Files.exists(home.faults())) {
            try (Reader reader = Files.newBufferedReader(home.faults())) {
                properties.load(reader);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new Faults(properties);
    }

    public Optional<String> failure(String command) {
        return Optional.ofNullable(properties.getProperty(command + ".fail"));
    }

    public long delayMillis(String command) {
        return Long.parseLong(properties.getProperty(command + ".delay-ms", "0"));
    }

    public boolean hangs(String command) {
        return Boolean.parseBoolean(properties.getProperty(command + ".hang", "false"));
    }

    public long eventStreamLifetimeMillis() {
        return Long.parseLong(properties.getProperty("monitor-events.exit-after-ms", "0"));
    }
}
