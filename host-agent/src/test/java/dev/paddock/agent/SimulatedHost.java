package dev.paddock.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A simulated Mac for agent tests: its own simulator home, driven through the simulator's real prlctl launcher (the
 * same executable the agent calls).
 */
public final class SimulatedHost {

    public static final Path PRLCTL = Path.of("..", "parallels-simulator", "bin", "prlctl")
            .toAbsolutePath()
            .normalize();
    public static final Path PRLSRVCTL = Path.of("..", "parallels-simulator", "bin", "prlsrvctl")
            .toAbsolutePath()
            .normalize();

    /** The simulator's stand-ins for the macOS tools the agent runs besides prlctl and prlsrvctl. */
    private static final List<String> TOOLS = List.of("sysctl", "uname", "chown", "sudo", "prlcopy");

    private final Path home;

    /** The agent settings that point it at this simulated Mac's tools and state. */
    public static Map<String, String> agentSettings(Path home) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("paddock.agent.prlctl-path", PRLCTL.toString());
        settings.put("paddock.agent.prlsrvctl-path", PRLSRVCTL.toString());
        for (String tool : TOOLS) {
            settings.put(
                    "paddock.agent.tools." + tool, PRLCTL.resolveSibling(tool).toString());
        }
        settings.put("paddock.agent.command-environment.PADDOCK_SIM_HOME", home.toString());
        return settings;
    }

    public SimulatedHost(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    /** Runs prlctl on this host; fails the test if it exits non-zero. */
    public String prlctl(String... args) {
        List<String> command = new ArrayList<>(List.of(PRLCTL.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PADDOCK_SIM_HOME", home.toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("prlctl " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Injects a fault (see the simulator's Faults): e.g. {@code fault("start.hang", "true")}. */
    public void fault(String key, String value) throws IOException {
        Path faults = home.resolve("faults.properties");
        Files.writeString(
                faults,
                key + "=" + value + "\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    public void clearFaults() throws IOException {
        Files.deleteIfExists(home.resolve("faults.properties"));
    }

    /** Stops every running VM's guest process, so tests leave no processes behind. */
    public void stopAll() {
        for (String line : prlctl("list", "-a").lines().skip(1).toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 2 && !columns[1].equals("stopped")) {
                prlctl("stop", columns[0], "--kill");
            }
        }
    }
}
