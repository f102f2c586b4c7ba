package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.state.HostProfile;
import dev.paddock.simulator.state.VmRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders VMs the way {@code prlctl list -i --json} does, held to the corpus ({@code parallels-simulator/.../pd-corpus/}):
 * the keys of REF's {@code ParallelsVM} model with PD's labels, {@code ID} without braces (OVZ writes UUIDs in JSON
 * with {@code add_uuid}, which strips them), no {@code Home} in a bulk listing (REF: PD omits it there), and no IP
 * for macOS guests (REF asks those guests with {@code ipconfig}).
 */
final class PdJson {

    private PdJson() {}

    static Map<String, Object> info(VmRecord vm, HostProfile host, boolean bulk) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ID", vm.uuid);
        out.put("Name", vm.name);
        out.put("Description", vm.description);
        out.put("Type", "VM");
        out.put("State", vm.state);
        out.put("OS", vm.os);
        out.put("Template", vm.template ? "yes" : "no");
        out.put(
                "Uptime",
                String.valueOf(vm.isRunning() ? (System.currentTimeMillis() - vm.startedAtMillis) / 1000 : 0));
        out.put("Home path", vm.home + "/config.pvs");
        if (!bulk) {
            out.put("Home", vm.home + "/");
        }
        out.put("Owner", vm.owner);
        out.put("GuestTools", Map.of("state", "installed", "version", host.pdVersion() + "-" + host.pdBuild()));
        Map<String, Object> startup = new LinkedHashMap<>();
        startup.put("Autostart", "off");
        startup.put("Autostart delay", 0);
        startup.put("Autostop", "suspend");
        startup.put("Startup view", "same");
        startup.put("On shutdown", "window");
        startup.put("On window close", "suspend");
        startup.put("Pause idle", "off");
        startup.put("Undo disks", "off");
        out.put("Startup and Shutdown", startup);
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("Encrypted", "no");
        security.put("TPM enabled", "no");
        security.put("TPM type", "");
        security.put("Custom password protection", "off");
        security.put("Configuration is locked", "no");
        security.put("Protected", "no");
        security.put("Archived", "no");
        security.put("Packed", "no");
        out.put("Security", security);
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("enabled", vm.timeSync);
        time.put("Smart mode", vm.timeSyncSmartMode);
        time.put("Interval (in seconds)", vm.timeSyncIntervalSeconds);
        time.put("Timezone synchronization disabled", vm.timezoneSyncDisabled);
        out.put("Time Synchronization", time);
        out.put("Boot order", vm.bootOrder);
        out.put("BIOS type", host.architecture().equals("arm64") ? "efi-arm64" : "efi64");
        out.put("EFI Secure boot", vm.efiSecureBoot);
        out.put("Allow select boot device", vm.selectBootDevice);
        out.put("External boot device", vm.externalBootDevice);
        out.put("Hardware", hardware(vm, host));
        Map<String, Object> shared = new LinkedHashMap<>();
        shared.put("enabled", !vm.sharedFolders.isEmpty());
        vm.sharedFolders.forEach((name, path) -> shared.put(name, Map.of("enabled", true, "path", path)));
        out.put("Host Shared Folders", shared);
        Map<String, Object> advanced = new LinkedHashMap<>();
        advanced.put("VM hostname synchronization", "off");
        advanced.put("Public SSH keys synchronization", "off");
        advanced.put("Show developer tools", "off");
        advanced.put("Swipe from edges", "off");
        advanced.put("Share host location", "off");
        advanced.put("Rosetta Linux", vm.rosettaLinux);
        out.put("Advanced", advanced);
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("Conditioned", "off");
        if (!vm.isMac()) {
            network.put("ipAddresses", vm.isRunning() ? List.of(Map.of("type", "ipv4", "ip", vm.ip)) : List.of());
        }
        out.put("Network", network);
        return out;
    }

    private static Map<String, Object> hardware(VmRecord vm, HostProfile host) {
        Map<String, Object> hardware = new LinkedHashMap<>();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("cpus", vm.cpus);
        cpu.put("auto", vm.cpusAuto ? "on" : "off");
        cpu.put("VT-x", true);
        cpu.put("hotplug", false);
        cpu.put("accl", "high");
        cpu.put("mode", "64");
        cpu.put("type", vm.cpuType.isEmpty() ? host.cpuType() : vm.cpuType);
        hardware.put("cpu", cpu);
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("size", vm.memoryMb + "Mb");
        memory.put("auto", vm.memoryAuto ? "on" : "off");
        memory.put("hotplug", false);
        hardware.put("memory", memory);
        Map<String, Object> hdd = new LinkedHashMap<>();
        hdd.put("enabled", true);
        hdd.put("port", "sata:0");
        hdd.put("image", vm.home + "/" + (vm.isMac() ? "disk0.img" : vm.name + ".hdd"));
        hdd.put("type", "expanded");
        hdd.put("size", vm.diskMb + "Mb");
        hdd.put("online-compact", "off");
        hardware.put("hdd0", hdd);
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("enabled", true);
        net.put("type", "shared");
        net.put("mac", vm.mac);
        net.put("card", "virtio");
        hardware.put("net0", net);
        vm.devices.forEach((name, options) -> hardware.put(name, new LinkedHashMap<>(options)));
        return hardware;
    }

    /** {@code list -f --json}: OVZ's default columns as REF reads them; {@code uuid} unbraced, no IP as "-". */
    static Map<String, Object> fast(VmRecord vm) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uuid", vm.uuid);
        out.put("status", vm.state);
        out.put("ip_configured", vm.isRunning() && !vm.isMac() ? vm.ip : "-");
        out.put("name", vm.name);
        return out;
    }
}
