package dev.paddock.simulator.prlsrvctl;

import dev.paddock.simulator.Invocation;
import dev.paddock.simulator.SimulatorFailure;
import dev.paddock.simulator.state.HostProfile;
import dev.paddock.simulator.state.Registry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code prlsrvctl}: {@code info --json} with the key set of REF's model (no CPU, memory or disk: REF reads those with
 * sysctl), {@code info --license --json} with REF's licence keys (after PD's "not available in this edition" line for
 * a standard edition), and {@code user list --json} with OVZ's column headers as keys (NAME, MNG_SETTINGS, DEF_VM_HOME
 * by default; {@code -o} picks from uuid, name, def_vm_home, sessions, mng_settings).
 */
public final class PrlsrvctlTool {

    static final String NOT_IN_EDITION = "This feature is not available in this edition of Parallels Desktop.";

    private static final Map<String, String> USER_COLUMNS = Map.of(
            "uuid", "UUID",
            "name", "NAME",
            "def_vm_home", "DEF_VM_HOME",
            "sessions", "SESSIONS",
            "mng_settings", "MNG_SETTINGS");

    private final Registry registry;
    private final HostProfile host;
    private final PrintStream out;
    private final PrintStream err;

    public PrlsrvctlTool(Registry registry, HostProfile host, Invocation invocation) {
        this.registry = registry;
        this.host = host;
        this.out = invocation.out();
        this.err = invocation.err();
    }

    public int run(List<String> args) {
        if (args.isEmpty()) {
            throw SimulatorFailure.usage("Usage: prlsrvctl <command> [options]");
        }
        boolean json = args.contains("--json") || args.contains("-j");
        return switch (args.getFirst()) {
            case "info" -> args.contains("--license") ? license(json) : info(json);
            case "user" -> {
                if (args.size() < 2 || !args.get(1).equals("list")) {
                    throw SimulatorFailure.usage(
                            "Usage: prlsrvctl user list [-o,--output name[,name...]] [-j, --json]");
                }
                int output = Math.max(args.indexOf("-o"), args.indexOf("--output"));
                yield users(json, output >= 0 && output + 1 < args.size() ? args.get(output + 1) : null);
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
        info.put("ID", braced("host:" + host.hostname()));
        info.put("Hostname", host.hostname());
        info.put("OS", "Mac OS X " + host.osVersion());
        info.put("Version", "Desktop " + host.pdVersion() + "-" + host.pdBuild());
        info.put("Build flags", "");
        info.put("Started as service", "on");
        info.put(
                "VM home", host.vmHome(registry.home(), host.users().getFirst()).toString());
        info.put("Memory limit", Map.of("mode", "auto"));
        info.put("Minimal security level", "low");
        info.put("Manage settings for new users", "allow");
        info.put("CEP mechanism", "on");
        info.put("Verbose log", "off");
        info.put("Log rotation", "on");
        info.put("External device auto connect", "ask");
        info.put("Web portal domain", "my.parallels.com");
        info.put("Host ID", braced("host-id:" + host.hostname()));
        info.put("Allow attach screenshots", "on");
        info.put("Custom password protection", "off");
        info.put("Preferences are locked", "off");
        info.put("Disable deleting report archive", "off");
        info.put("Add serial port output to report", "off");
        info.put(
                "License",
                Map.of(
                        "state",
                        host.licensed() ? "valid" : "invalid",
                        "key",
                        "SIMULATED-" + host.pdBuild(),
                        "restricted",
                        "false"));
        info.put("Hardware Id", braced("hardware:" + host.hostname()));
        info.put("Signed In", "yes");
        Map<String, Object> hardware = new LinkedHashMap<>();
        hardware.put("/dev/disk0", Map.of("name", "APPLE SSD AP1024Z", "type", "hdd"));
        hardware.put("/dev/disk0s2", Map.of("name", "Macintosh HD", "type", "hdd-part"));
        info.put("Hardware info", hardware);
        print(info, json);
        return 0;
    }

    private int license(boolean json) {
        if (host.edition().equals("standard")) {
            out.println(NOT_IN_EDITION);
        }
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("status", host.licensed() ? "ACTIVE" : "EXPIRED");
        license.put("serial", "SIMULATED-" + host.pdBuild());
        license.put("expiration", "2027-11-24 00:00:00");
        license.put("main_period_ends_at", "2027-11-24 00:00:00");
        license.put("grace_period_ends_at", "2027-12-24 00:00:00");
        license.put("cpu_total", host.cpus());
        license.put("max_memory", host.memoryMb());
        license.put("edition", host.edition());
        license.put("is_trial", "no");
        license.put("is_volume", "no");
        license.put("deferred_activation", "no");
        license.put("uuid", braced("license:" + host.hostname()));
        print(license, json);
        return 0;
    }

    private int users(boolean json, String output) {
        List<String> columns = output == null
                ? List.of("name", "mng_settings", "def_vm_home")
                : Arrays.stream(output.split(",")).map(String::strip).toList();
        for (String column : columns) {
            if (!USER_COLUMNS.containsKey(column)) {
                err.println("Unknown field: " + column);
                return 1;
            }
        }
        List<Map<String, Object>> users = new ArrayList<>();
        for (String user : host.users()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String column : columns) {
                row.put(
                        USER_COLUMNS.get(column),
                        switch (column) {
                            case "uuid" -> braced("user:" + user);
                            case "name" -> user;
                            case "def_vm_home" ->
                                host.vmHome(registry.home(), user).toString();
                            case "sessions" -> "0";
                            default -> "allow";
                        });
            }
            users.add(row);
        }
        if (json) {
            out.println(Registry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(users));
        } else {
            out.println(
                    String.join("  ", columns.stream().map(USER_COLUMNS::get).toList()));
            users.forEach(u -> out.println(
                    String.join("  ", u.values().stream().map(String::valueOf).toList())));
        }
        return 0;
    }

    private void print(Map<String, Object> values, boolean json) {
        if (json) {
            out.println(Registry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values));
        } else {
            values.forEach((key, value) -> out.println(key + ": " + value));
        }
    }

    private static String braced(String seed) {
        return "{" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)) + "}";
    }
}
