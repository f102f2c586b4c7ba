package dev.paddock.agent.contract;

import dev.paddock.agent.SimulatedHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The Parallels Desktop the contract suite drives: the simulator (the default, in CI) or a real Mac, chosen by system
 * properties, so the same tests run unchanged on both (docs/parallels-contract.md):
 *
 * <ul>
 *   <li>{@code paddock.contract.prlctl}, {@code paddock.contract.prlsrvctl}: a real PD's tools; unset means the simulator
 *   <li>{@code paddock.contract.template}: a small Linux VM with Parallels Tools, kept as a PD template, owned by
 *       {@code paddock.contract.owner} (default: the user running the tests)
 *   <li>{@code paddock.contract.record}: a folder to write every command's output into, in the corpus format
 * </ul>
 */
final class ContractTarget {

    private static final String REAL_PRLCTL = System.getProperty("paddock.contract.prlctl", "");

    private final @Nullable Path simulatorHome;
    private final String owner;
    private final String template;

    private ContractTarget(@Nullable Path simulatorHome, String owner, String template) {
        this.simulatorHome = simulatorHome;
        this.owner = owner;
        this.template = template;
    }

    static boolean real() {
        return !REAL_PRLCTL.isBlank();
    }

    /**
     * A target for one test class. On the simulator: a fresh simulated Mac with two macOS users and a template owned by
     * the first (as owner when running as owners, else by the test's own user, whom the agent then acts as).
     */
    static ContractTarget create(boolean runAsOwner) {
        String me = System.getProperty("user.name");
        if (real()) {
            return new ContractTarget(
                    null,
                    System.getProperty("paddock.contract.owner", me),
                    System.getProperty("paddock.contract.template", "paddock-contract-template"));
        }
        try {
            Path home = Files.createTempDirectory("contract-sim-");
            // Running as owners, the agent acts for two macOS users; otherwise for itself, PD's one user.
            Files.writeString(
                    home.resolve("host.properties"),
                    "users=" + (runAsOwner ? "builder,qa" : me) + "\n",
                    StandardCharsets.UTF_8);
            ContractTarget target = new ContractTarget(home, runAsOwner ? "builder" : me, "contract-template");
            target.prlctl("create", "contract-source", "--ostype", "ubuntu", "--disk-size", "256");
            target.prlctl("clone", "contract-source", "--name", target.template, "--template");
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The agent's settings for this target. */
    Map<String, String> agentSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (simulatorHome != null) {
            settings.putAll(SimulatedHost.agentSettings(simulatorHome));
        } else {
            settings.put("paddock.agent.prlctl-path", REAL_PRLCTL);
            settings.put(
                    "paddock.agent.prlsrvctl-path",
                    System.getProperty(
                            "paddock.contract.prlsrvctl",
                            Path.of(REAL_PRLCTL).resolveSibling("prlsrvctl").toString()));
        }
        return settings;
    }

    String owner() {
        return owner;
    }

    String template() {
        return template;
    }

    /** The fake sudo's log (simulator only): who each command ran as. */
    List<String> sudoLog() throws IOException {
        if (simulatorHome == null || !Files.exists(simulatorHome.resolve("sudo.log"))) {
            return List.of();
        }
        return Files.readAllLines(simulatorHome.resolve("sudo.log"));
    }

    /** Who the fake chown made the owner of {@code bundle} (simulator only; empty if never handed over). */
    String handedTo(String bundle) throws IOException {
        Path owners = simulatorHome == null ? null : simulatorHome.resolve("owners.properties");
        if (owners == null || !Files.exists(owners)) {
            return "";
        }
        java.util.Properties recorded = new java.util.Properties();
        try (var reader = Files.newBufferedReader(owners)) {
            recorded.load(reader);
        }
        String wanted = Path.of(bundle).toAbsolutePath().normalize().toString();
        return recorded.getProperty(wanted, "");
    }

    /** Runs prlctl as the template's owner behind the agent's back (as someone at the Mac would); answers its output. */
    String prlctl(String... args) {
        return prlctlAs(owner, args);
    }

    /** Runs prlctl as {@code user} behind the agent's back. */
    String prlctlAs(String user, String... args) {
        List<String> command = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (simulatorHome != null) {
            command.add(SimulatedHost.PRLCTL.toString());
            builder.environment().put("PADDOCK_SIM_HOME", simulatorHome.toString());
            builder.environment().put("PADDOCK_SIM_USER", user);
        } else {
            if (!user.equals(System.getProperty("user.name"))) {
                command.addAll(List.of("sudo", "-n", "-u", user));
            }
            command.add(REAL_PRLCTL);
        }
        command.addAll(List.of(args));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("prlctl " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Removes a VM left by a test, by id and by name, whatever state it is in; quiet when it is gone already. */
    void remove(String idOrName) {
        removeAs(owner, idOrName);
    }

    void removeAs(String user, String idOrName) {
        for (List<String> step : List.of(List.of("stop", idOrName, "--kill"), List.of("delete", idOrName))) {
            try {
                prlctlAs(user, step.toArray(String[]::new));
            } catch (IllegalStateException gone) {
                // already stopped or already deleted
            }
        }
    }
}
