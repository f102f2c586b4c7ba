package dev.paddock.simulator.prlsrvctl;

import dev.paddock.simulator.SimulatorFailure;
import dev.paddock.simulator.state.HostProfile;
import dev.paddock.simulator.state.Registry;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code prlsrvctl}: host information ({@code info --json}) and the macOS users PD knows ({@code user list --json}). */
public final class PrlsrvctlTool {

    private final Registry registry;
    private final HostProfile host;
    private final Map<String, String> environment;
    private final PrintStream out;

    public PrlsrvctlTool(Registry registry, HostProfile host, Map<String, String> environment, PrintStream out) {
        this.registry = registry;
        this.host = host;
        this.environment = environment;
        this.out = out;
    }

    public int run(List<String> args) {
        if (args.isEmpty()) {
            throw SimulatorFailure.usage("Usage: prlsrvctl <command> [options]");
        }
        boolean json = args.contains("--json") || args.contains("-j");
        return switch (args.getFirst()) {
            case "info" -> info(json);
            case "user" -> {
                if (args.size() < 2 || !args.get(1).equals("list")) {
                    throw SimulatorFailure.usage("Usage: prlsrvctl user list [--json]");
                }
                yield users(json);
            }
            case "--version", "-V" -> {
                out.println("prlsrvctl version " + host.pdVersion() + " (" + host.pdBuild() + ")");
                yield 0;
            }
            default -> throw SimulatorFailure.usage("Unknown command: " + args.getFirst());
        };
    }

    private int info(boolean json) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put(
                "ID",
                "{" + UUID.nameUUIDFromBytes(host.hostname().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "}");
        info.put("Hostname", host.hostname());
        info.put("Version", "Desktop " + host.pdVersion() + "-" + host.pdBuild());
        info.put("OS", "Mac OS X " + host.osVersion());
        info.put(
                "CPU",
                Map.of(
                        "Architecture", host.architecture(),
                        "Model",
                                host.architecture().equals("arm64")
                                        ? "Apple M2 Pro"
                                        : "Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz",
                        "Count", host.cpus()));
        info.put("Memory", Map.of("Total", host.memoryMb() + "Mb"));
        info.put("Disk", Map.of("Total", host.diskMb() + "Mb"));
        info.put("VM home", registry.home().defaultVmFolder().toString());
        info.put(
                "License",
                Map.of(
                        "state",
                        host.licensed() ? "valid" : "invalid",
                        "edition",
                        "Pro",
                        "is_volume",
                        "no",
                        "serial",
                        "SIMULATED-" + host.pdBuild()));
        if (json) {
            out.println(Registry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info));
        } else {
            info.forEach((key, value) -> out.println(key + ": " + value));
        }
        return 0;
    }

    private int users(boolean json) {
        String user = environment.getOrDefault("USER", "builder");
        List<Map<String, Object>> users = List.of(Map.of(
                "name",
                user,
                "uuid",
                UUID.nameUUIDFromBytes(user.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString(),
                "vm_home",
                registry.home().defaultVmFolder().toString()));
        if (json) {
            out.println(Registry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(users));
        } else {
            users.forEach(u -> out.println(u.get("name") + "\t" + u.get("vm_home")));
        }
        return 0;
    }
}
