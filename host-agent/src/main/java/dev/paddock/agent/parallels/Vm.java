package dev.paddock.agent.parallels;

import dev.paddock.common.units.Sizes;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One VM as PD describes it ({@code prlctl list -i --json}), with the fields the agent reasons about pulled out and
 * PD's whole object kept, since the reference API returns it verbatim.
 *
 * @param id the UUID without braces
 * @param owner the macOS user the VM belongs to
 * @param ip its IPv4 address while running, if PD reports one
 */
public record Vm(
        String id,
        String name,
        String state,
        String os,
        String type,
        String home,
        int cpus,
        long memoryMb,
        long diskMb,
        @Nullable String ip,
        String owner,
        boolean template,
        ObjectNode raw) {

    /** Apple-virtualised macOS guest (at most two may run per Mac). */
    public boolean isMacOs() {
        return "APPLE_VZ_VM".equals(type)
                || home.endsWith(".macvm/")
                || home.endsWith(".macvm")
                || os.toLowerCase(Locale.ROOT).startsWith("macos");
    }

    /** Windows guests run exec lines with {@code cmd /c}, not a POSIX shell. */
    public boolean isWindows() {
        return os.toLowerCase(Locale.ROOT).startsWith("win");
    }

    public boolean isRunning() {
        return "running".equals(state);
    }

    /** Counts against the host's capacity (PD keeps memory for paused and suspending VMs too). */
    public boolean usesCapacity() {
        return switch (state) {
            case "running", "paused", "starting", "resuming", "resetting", "stopping", "suspending" -> true;
            default -> false;
        };
    }

    /** Parses one element of PD's JSON list. */
    public static Vm parse(JsonNode node, String defaultOwner) {
        String id = stripBraces(node.path("ID").asString(""));
        JsonNode hardware = node.path("Hardware");
        String ip = null;
        for (JsonNode address : node.path("Network").path("ipAddresses")) {
            if ("ipv4".equalsIgnoreCase(address.path("type").asString("ipv4"))
                    && !address.path("ip").asString("").isBlank()) {
                ip = address.path("ip").asString();
                break;
            }
        }
        String owner = ParallelsDesktop.bareUserName(node.path("Owner").asString(""));
        ObjectNode raw = node.isObject() ? (ObjectNode) node.deepCopy() : new ObjectNode(null);
        String home = home(node);
        if (!raw.has("Home") && !home.isEmpty()) {
            // The reference fills in what PD's bulk listing leaves out (main.go:997-1013); its clients read "Home".
            raw.put("Home", home);
        }
        return new Vm(
                id,
                node.path("Name").asString(""),
                node.path("State").asString("unknown"),
                node.path("OS").asString(""),
                node.path("Type").asString(""),
                home,
                hardware.path("cpu").path("cpus").asInt(0),
                Math.max(0, Sizes.megabytes(hardware.path("memory").path("size").asString("0"))),
                Math.max(0, Sizes.megabytes(hardware.path("hdd0").path("size").asString("0"))),
                ip,
                owner.isBlank() ? defaultOwner : owner,
                "yes".equalsIgnoreCase(node.path("Template").asString("no")),
                raw);
    }

    /** The same VM with the address its guest gave (macOS guests report none to {@code list}). */
    public Vm withIp(@Nullable String address) {
        return new Vm(id, name, state, os, type, home, cpus, memoryMb, diskMb, address, owner, template, raw);
    }

    /**
     * The bundle folder. Bulk listings may lack {@code Home} (REF main.go:997-1013 patches it from elsewhere);
     * {@code Home path} is then the bundle's {@code config.pvs} file, whose folder is the bundle.
     */
    private static String home(JsonNode node) {
        String home = node.path("Home").asString("");
        if (!home.isBlank()) {
            return home;
        }
        String configFile = node.path("Home path").asString("");
        if (configFile.endsWith("/config.pvs")) {
            return configFile.substring(0, configFile.length() - "config.pvs".length());
        }
        return configFile;
    }

    public static String stripBraces(String id) {
        return id.startsWith("{") && id.endsWith("}") ? id.substring(1, id.length() - 1) : id;
    }
}
