package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.SimulatorFailure;
import dev.paddock.simulator.state.HostProfile;
import dev.paddock.simulator.state.Registry;
import dev.paddock.simulator.state.VmRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code prlctl set <vm> ...}: the options REF's configure operations issue (fidelity rows R34-R52) plus OVZ's
 * {@code --template}; each is recorded in the VM and shown by {@code list -i}. An option it does not know is a usage
 * error (exit 22); CPU or memory changes of a running VM are refused.
 */
final class SetCommand {

    private static final List<String> DEVICE_TYPES =
            List.of("hdd", "cdrom", "net", "fdd", "serial", "parallel", "usb", "sound", "pci");
    /** Options of a device being added or set, with a value. */
    private static final List<String> DEVICE_OPTIONS = List.of(
            "--type",
            "--iface",
            "--image",
            "--device",
            "--size",
            "--position",
            "--output",
            "--socket",
            "--socket-mode",
            "--subtype",
            "--passthr",
            "--adapter-type",
            "--network",
            "--ipadd",
            "--ipdel",
            "--dhcp",
            "--gw");
    /** Flags of a device being added, set or removed. */
    private static final List<String> DEVICE_FLAGS = List.of(
            "--enable",
            "--disable",
            "--connect",
            "--disconnect",
            "--destroy-image",
            "--destroy-image-force",
            "--detach-only",
            "--recreate",
            "--split");

    private final Registry registry;
    private final HostProfile host;
    private final PrintStream out;

    SetCommand(Registry registry, HostProfile host, PrintStream out) {
        this.registry = registry;
        this.host = host;
        this.out = out;
    }

    int run(Arguments a) {
        String newName = a.option("--name").orElse(null);
        String description = a.option("--description").orElse(null);
        String cpus = a.option("--cpus").orElse(null);
        String memsize = a.option("--memsize").orElse(null);
        String cpuType = a.option("--cpu-type")
                .map(v -> oneOf("--cpu-type", v, "x86", "arm"))
                .orElse(null);
        String bootOrder = a.option("--device-bootorder").orElse(null);
        String secureBoot = onOff(a, "--efi-secure-boot");
        String efiBoot = onOff(a, "--efi-boot");
        String selectBoot = onOff(a, "--select-boot-device");
        String externalBoot = a.option("--external-boot-device").orElse(null);
        String timeSync = onOff(a, "--time-sync");
        String smartMode = onOff(a, "--time-sync-smart-mode");
        String timezone = onOff(a, "--disable-timezone-sync");
        String interval = a.option("--time-sync-interval").orElse(null);
        String rosetta = onOff(a, "--rosetta-linux");
        String template = a.option("--template")
                .map(v -> oneOf("--template", v, "yes", "no"))
                .orElse(null);
        String deviceAdd = a.option("--device-add").orElse(null);
        String deviceSet = a.option("--device-set").orElse(null);
        String deviceDel = a.option("--device-del").orElse(null);
        String deviceConnect = a.option("--device-connect").orElse(null);
        String deviceDisconnect = a.option("--device-disconnect").orElse(null);
        String mac = a.option("--mac").orElse(null);
        String shfAdd = a.option("--shf-host-add").orElse(null);
        String shfSet = a.option("--shf-host-set").orElse(null);
        String shfDel = a.option("--shf-host-del").orElse(null);
        String shfPath = a.option("--path").orElse(null);
        a.option("--mode");
        Map<String, String> deviceOptions = new LinkedHashMap<>();
        for (String option : DEVICE_OPTIONS) {
            a.option(option).ifPresent(value -> deviceOptions.put(option.substring(2), value));
        }
        for (String flag : DEVICE_FLAGS) {
            if (a.flag(flag)) {
                deviceOptions.put(flag.substring(2), "yes");
            }
        }
        String id = a.requiredPositional("VM id or name");
        a.requireEmpty("set");
        if (interval != null && !interval.matches("\\d+")) {
            throw SimulatorFailure.usage("Invalid value for --time-sync-interval: " + interval);
        }
        registry.locked(true, r -> {
            VmRecord vm = r.find(id).orElseThrow(SimulatorFailure::notFound);
            if ((cpus != null || memsize != null) && vm.isRunning()) {
                throw new SimulatorFailure(
                        1, "Failed to configure the VM: Unable to change the CPU or memory of a running VM.");
            }
            if (newName != null) {
                PrlctlTool.checkName(newName);
                if (!newName.equals(vm.name) && PrlctlTool.nameTaken(r, newName)) {
                    throw new SimulatorFailure(
                            1, "Failed to configure the VM: The name \"" + newName + "\" is already in use.");
                }
                vm.name = newName;
            }
            if (description != null) {
                vm.description = description;
            }
            if (cpus != null) {
                vm.cpusAuto = cpus.equals("auto");
                vm.cpus = vm.cpusAuto ? Math.min(4, host.cpus()) : positive("--cpus", cpus, host.cpus());
            }
            if (memsize != null) {
                vm.memoryAuto = memsize.equals("auto");
                vm.memoryMb = vm.memoryAuto ? 4096 : positive("--memsize", memsize, (int) host.memoryMb());
            }
            Optional.ofNullable(cpuType).ifPresent(v -> vm.cpuType = v);
            Optional.ofNullable(bootOrder).ifPresent(v -> vm.bootOrder = v);
            Optional.ofNullable(secureBoot).ifPresent(v -> vm.efiSecureBoot = v);
            Optional.ofNullable(selectBoot).ifPresent(v -> vm.selectBootDevice = v);
            Optional.ofNullable(externalBoot).ifPresent(v -> vm.externalBootDevice = v);
            Optional.ofNullable(timeSync).ifPresent(v -> vm.timeSync = v.equals("on"));
            Optional.ofNullable(smartMode).ifPresent(v -> vm.timeSyncSmartMode = v);
            Optional.ofNullable(timezone).ifPresent(v -> vm.timezoneSyncDisabled = v);
            Optional.ofNullable(interval).ifPresent(v -> vm.timeSyncIntervalSeconds = Integer.parseInt(v));
            Optional.ofNullable(rosetta).ifPresent(v -> vm.rosettaLinux = v);
            Optional.ofNullable(template).ifPresent(v -> vm.template = v.equals("yes"));
            if (efiBoot != null && efiBoot.equals("off")) {
                vm.efiSecureBoot = "off";
            }
            if (deviceAdd != null) {
                addDevice(vm, deviceAdd, deviceOptions, mac);
            }
            if (deviceSet != null) {
                setDevice(vm, deviceSet, deviceOptions, mac);
            } else if (mac != null && deviceAdd == null) {
                throw SimulatorFailure.usage("--mac needs --device-set or --device-add");
            }
            if (deviceConnect != null) {
                device(vm, deviceConnect).ifPresent(options -> options.put("state", "connected"));
            }
            if (deviceDisconnect != null) {
                device(vm, deviceDisconnect).ifPresent(options -> options.put("state", "disconnected"));
            }
            if (deviceDel != null) {
                device(vm, deviceDel);
                vm.devices.remove(deviceDel);
            }
            sharedFolders(vm, shfAdd, shfSet, shfDel, shfPath);
            try {
                Bundles.writeConfig(vm);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            r.save(vm);
            r.event(vm, "vm_config_changed", Map.of());
            return null;
        });
        out.println("Configure the VM...\nThe VM has been successfully configured.");
        return 0;
    }

    private static void addDevice(VmRecord vm, String type, Map<String, String> options, String mac) {
        if (!DEVICE_TYPES.contains(type)) {
            throw SimulatorFailure.usage("Invalid device type: " + type);
        }
        int index = 0;
        while (vm.devices.containsKey(type + index) || (type + index).equals("hdd0") || (type + index).equals("net0")) {
            index++;
        }
        Map<String, String> device = new LinkedHashMap<>();
        device.put("enabled", String.valueOf(!options.containsKey("disable")));
        options.forEach(device::put);
        if (type.equals("net")) {
            device.put("mac", mac == null || mac.equals("auto") ? randomMac() : normaliseMac(mac));
        }
        vm.devices.put(type + index, device);
    }

    private static void setDevice(VmRecord vm, String name, Map<String, String> options, String mac) {
        if (name.equals("net0") || name.equals("hdd0")) {
            if (mac != null) {
                if (!name.equals("net0")) {
                    throw SimulatorFailure.usage("--mac applies to network adapters only");
                }
                vm.mac = mac.equals("auto") ? randomMac() : normaliseMac(mac);
            }
            return;
        }
        Map<String, String> device = device(vm, name).orElseThrow();
        device.putAll(options);
        if (mac != null) {
            if (!name.startsWith("net")) {
                throw SimulatorFailure.usage("--mac applies to network adapters only");
            }
            device.put("mac", mac.equals("auto") ? randomMac() : normaliseMac(mac));
        }
    }

    /** The device's options; empty for the built-in hdd0 and net0, a failure for a device the VM does not have. */
    private static Optional<Map<String, String>> device(VmRecord vm, String name) {
        if (vm.devices.containsKey(name)) {
            return Optional.of(vm.devices.get(name));
        }
        if (name.equals("net0") || name.equals("hdd0")) {
            return Optional.empty();
        }
        throw new SimulatorFailure(1, "Failed to configure the VM: The device " + name + " does not exist.");
    }

    private static void sharedFolders(VmRecord vm, String add, String set, String del, String path) {
        if (add != null) {
            if (path == null) {
                throw SimulatorFailure.usage("--shf-host-add needs --path");
            }
            if (vm.sharedFolders.containsKey(add)) {
                throw new SimulatorFailure(1, "Failed to configure the VM: The shared folder " + add + " exists.");
            }
            vm.sharedFolders.put(add, path);
        }
        if (set != null) {
            if (!vm.sharedFolders.containsKey(set)) {
                throw new SimulatorFailure(
                        1, "Failed to configure the VM: The shared folder " + set + " does not exist.");
            }
            if (path != null) {
                vm.sharedFolders.put(set, path);
            }
        }
        if (del != null && vm.sharedFolders.remove(del) == null) {
            throw new SimulatorFailure(1, "Failed to configure the VM: The shared folder " + del + " does not exist.");
        }
    }

    private static String onOff(Arguments a, String option) {
        return a.option(option).map(v -> oneOf(option, v, "on", "off")).orElse(null);
    }

    private static String oneOf(String option, String value, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw SimulatorFailure.usage("Invalid value for " + option + ": " + value);
    }

    private static int positive(String flag, String value, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1 || parsed > max) {
                throw new SimulatorFailure(
                        1, "Failed to configure the VM: " + flag + " must be between 1 and " + max + ".");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw SimulatorFailure.usage("Invalid value for " + flag + ": " + value);
        }
    }

    private static String normaliseMac(String mac) {
        return mac.replace(":", "").toUpperCase(Locale.ROOT);
    }

    static String randomMac() {
        RandomGenerator random = RandomGenerator.getDefault();
        return String.format("001C42%02X%02X%02X", random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }
}
