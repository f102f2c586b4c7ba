package dev.paddock.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the simulator's real launchers ({@code bin/prlctl}, {@code bin/sudo}, {@code bin/sysctl}...) against one
 * simulator home, as the agent runs them: guest services on high ports, {@code bin/} first on the PATH, the user
 * {@code builder}.
 */
final class SimulatorProcess {

    static final Path BIN = Path.of("bin").toAbsolutePath();

    record Result(int exitCode, String stdout, String stderr) {}

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();

    SimulatorProcess(Path home) {
        this.home = home;
        environment.put("PADDOCK_SIM_HOME", home.toString());
        environment.put("PADDOCK_SIM_GUEST_SSH_PORT", "10022");
        environment.put("PADDOCK_SIM_GUEST_HTTP_PORT", "10080");
        environment.put("PADDOCK_SIM_GUEST_WS_PORT", "10081");
        environment.put("PADDOCK_SIM_DISK_MB", "64");
        environment.put("USER", "builder");
        environment.put("PATH", BIN + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
    }

    Path home() {
        return home;
    }

    /** Sets a variable of the environment every later call sees. */
    SimulatorProcess with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs a command line whose first word is one of the simulator's tools (or {@code sudo}). */
    Result run(List<String> command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(command);
        argv.set(0, BIN.resolve(argv.getFirst()).toString());
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().remove("PADDOCK_SIM_USER");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String[] stderr = new String[1];
        Thread err = Thread.ofVirtual().start(() -> {
            try {
                stderr[0] = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                stderr[0] = "";
            }
        });
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("%s finished", command)
                .isTrue();
        err.join();
        return new Result(process.exitValue(), stdout, stderr[0]);
    }

    Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    /** Runs a command that must succeed (a setup step). */
    Result ok(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        assertThat(result.exitCode())
                .as("%s: %s", String.join(" ", command), result.stderr())
                .isZero();
        return result;
    }

    ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PADDOCK_SIM_USER");
        builder.environment().putAll(environment);
        return builder;
    }

    /** Stops every guest process the home's VMs still run (a test leaves no VM running behind it). */
    void stopGuests() throws IOException {
        Path registry = home.resolve("registry");
        if (!Files.isDirectory(registry)) {
            return;
        }
        try (Stream<Path> records = Files.list(registry)) {
            for (Path record :
                    records.filter(p -> p.toString().endsWith(".json")).toList()) {
                String json = Files.readString(record);
                int at = json.indexOf("\"guestPid\":");
                if (at >= 0) {
                    long pid = Long.parseLong(
                            json.substring(at + 11).split("[,}]")[0].strip());
                    if (pid > 0) {
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
        }
    }
}
