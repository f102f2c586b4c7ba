package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.state.HostProfile;
import dev.paddock.simulator.state.VmRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders VMs the way {@code prlctl list -i --json} does: PD's own labels, with spaces, capitals and units. */
final class PdJson {

    private PdJson() {}

    static Map<String, Object> info(VmRecord vm, HostProfile host) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ID", vm.bracedId());
        out.put("Name", vm.name);
        out.put("Description", vm.description);
        out.put("Type", vm.isMac() ? "APPLE_VZ_VM" : "PVM");
        out.put("State", vm.state);
        out.put("OS", vm.os);
        out.put("Template", vm.template ? "yes" : "no");
        out.put(
                "Uptime",
                String.valueOf(vm.isRunning() ? (System.currentTimeMillis() - vm.startedAtMillis) / 1000 : 0));
        out.put("Home path", vm.home + "/config.pvs");
        out.put("Home", vm.home + "/");
        out.put("Owner", vm.owner);
        out.put("GuestTools", Map.of("state", "installed", "version", host.pdVersion() + "-" + host.pdBuild()));
        out.put(
                "Startup and Shutdown",
                Map.of("Autostart", "off", "Autostop", "suspend", "On shutdown", "Close window"));
        Map<String, Object> hardware = new LinkedHashMap<>();
        hardware.put(
                "cpu",
                Map.of(
                        "cpus",
                        vm.cpus,
                        "auto",
                        "off",
                        "VT-x",
                        true,
                        "hotplug",
                        false,
                        "accl",
                        "high",
                        "mode",
                        "64",
                        "type",
                        host.cpuType()));
        hardware.put("memory", Map.of("size", vm.memoryMb + "Mb", "auto", "off", "hotplug", false));
        hardware.put(
                "hdd0",
                Map.of(
                        "enabled",
                        true,
                        "port",
                        "sata:0",
                        "image",
                        vm.home + "/" + (vm.isMac() ? "disk0.img" : vm.name + ".hdd"),
                        "type",
                        "expanded",
                        "size",
                        vm.diskMb + "Mb"));
        hardware.put("net0", Map.of("enabled", true, "type", "shared", "mac", vm.mac, "card", "virtio"));
        out.put("Hardware", hardware);
        out.put(
                "Network",
                Map.of("ipAddresses", vm.isRunning() ? List.of(Map.of("type", "ipv4", "ip", vm.ip)) : List.of()));
        out.put("Security", Map.of("Encrypted", "no", "TPM enabled", "no", "Configuration is locked", "no"));
        return out;
    }

    static Map<String, Object> fast(VmRecord vm) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uuid", vm.bracedId());
        out.put("status", vm.state);
        out.put("ip_configured", vm.isRunning() ? vm.ip : "-");
        out.put("name", vm.name);
        return out;
    }
}
