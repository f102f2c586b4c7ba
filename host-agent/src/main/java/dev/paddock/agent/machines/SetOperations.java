package dev.paddock.agent.machines;

import dev.paddock.agent.machines.MachineRequests.ConfigOperation;
import dev.paddock.agent.machines.MachineRequests.ConfigOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Translates the reference's {@code set} operations into {@code prlctl set} arguments, one table entry per
 * group/operation. Each entry checks its value (and, for devices and shared folders, each option and flag) against an
 * allow-list or a pattern, so nothing a request sends becomes an unexpected flag or a value starting with {@code -}.
 * Anything else is refused with an {@link IllegalArgumentException} that says what was wrong.
 *
 * <p>Evidence. Group and operation names and what each one runs: GitHub {@code Parallels/prl-devops-service},
 * {@code src/models/virtual_machine_config.go} ({@code VirtualMachineConfigRequestOperation.Validate}, lines 73-184;
 * {@code GetCmdArgs} 196-206) and {@code src/serviceprovider/parallelsdesktop/main.go} ({@code ConfigureVm}, lines
 * 1863-1953, which routes each group to the functions below). Valid values: OpenVZ/prlctl {@code man/prlctl.8}
 * ("Boot order parameters", "Managing VE devices"), and Parallels Desktop usage where that page is silent.
 *
 * <ul>
 *   <li>{@code cpu}: {@code SetVmCpu}, main.go:2356-2390: {@code set} → {@code --cpus N|auto}, {@code set_type} →
 *       {@code --cpu-type x86|arm} (:2375-2379).
 *   <li>{@code memory}: {@code SetVmMemory}, main.go:2392-2421: {@code set} → {@code --memsize MB|auto}.
 *   <li>{@code machine}: {@code SetVmMachineOperation}, main.go:2182-2226: {@code rename} → {@code --name}
 *       (:2213-2214; the reference wraps the name in literal quote characters, a bug not copied here).
 *       {@code description} → {@code --description} is Paddock's own. The other machine operations (clone, pack,
 *       archive, …) are separate prlctl commands, not {@code set} settings, and are refused here.
 *   <li>{@code boot-order}, {@code efi-secure-boot}, {@code select-boot-device}, {@code external-boot-device}:
 *       {@code SetVmBootOperation}, main.go:2228-2267, which dispatches on the operation whatever the group:
 *       {@code boot-order} → {@code --device-bootorder "hdd0 cdrom0 …"} (man page: HDD, CD/DVD, FDD and network
 *       devices); {@code efi-secure-boot} / {@code select-boot-device} → {@code on|off}; {@code external-boot-device}
 *       → a device name. {@code bios-type} is refused: the reference sends it as {@code --device-bootorder}
 *       (:2235-2241, a bug: a firmware type is not a boot order) and there is no evidence of a prlctl flag choosing
 *       legacy/efi32/efi64/efi-arm64 (the man page has only {@code --efi-boot on|off}).
 *   <li>{@code time}: {@code SetTimeSyncOperation}, main.go:2456-2494: {@code time-sync}, {@code time-sync-smart-mode},
 *       {@code disable-timezone-sync} ({@code on|off}; the reference's misspelt operation {@code
 *       disable-timezone-synct} is accepted as an alias), {@code time-sync-interval} → seconds.
 *   <li>{@code device}: {@code SetVmDeviceOperation}, main.go:2300-2354: {@code add} → {@code --device-add
 *       cdrom|fdd|hdd|net|serial|parallel|usb|sound} (:2307-2335), {@code set} → {@code --device-set <name>}
 *       (:2336-2338), {@code connect} / {@code disconnect} → {@code --device-connect|--device-disconnect <name>}
 *       (:2339-2342; man page: fdd, cdrom and net only). Options and flags come from a per-type allow-list taken from
 *       the man page's {@code --device-add} section. {@code remove} is refused: the reference's validator names it
 *       but {@code SetVmDeviceOperation} has no case for it, so there is no reference behaviour to match.
 *   <li>{@code network}: {@code ConfigureVm} only logs it (main.go, the {@code "network"} case). {@code set} keeps
 *       Paddock's behaviour: {@code device/set} restricted to network adapters, {@code --mac auto} when nothing else
 *       is given (the reference's own MAC reset, main.go:2926-2964). {@code add} and {@code remove} are refused.
 *   <li>{@code shared-folder}: {@code SetVmSharedFolderOperation}, main.go:2269-2298: {@code add} → {@code
 *       --shf-host-add <name> --path <absolute path> [--mode ro|rw]} (path required), {@code set} → {@code
 *       --shf-host-set <name> …}, {@code delete} → {@code --shf-host-del <name>}; flags {@code enable|disable}.
 *   <li>{@code rosetta}: {@code SetVmRosettaEmulation}, main.go:2423-2454: {@code set} → {@code --rosetta-linux
 *       on|off}.
 *   <li>{@code state} and {@code cmd} are refused: state changes have their own endpoints, and {@code cmd} would pass
 *       request text to prlctl as flags.
 * </ul>
 *
 * <p>{@code on|off} values also accept {@code true|false}, as the reference does; unlike the reference, anything else
 * is refused rather than read as {@code off}.
 */
final class SetOperations {

    private static final Pattern COUNT = Pattern.compile("^[0-9]{1,7}$");
    private static final Pattern MAC = Pattern.compile("^(auto|[0-9A-Fa-f]{12}|([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2})$");
    private static final Pattern VM_NAME = Pattern.compile(MachineRequests.VM_NAME);
    private static final Pattern BOOT_DEVICE = Pattern.compile("^(hdd|cdrom|fdd|net)[0-9]{1,2}$");
    private static final Pattern DEVICE_NAME =
            Pattern.compile("^(hdd|cdrom|fdd|net|serial|parallel|sound)[0-9]{1,2}$|^usb$");
    private static final Pattern EXTERNAL_DEVICE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");
    private static final Pattern HOST_INTERFACE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$");
    private static final Pattern SHARE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$");
    private static final Pattern POSITION = Pattern.compile("^[0-9]{1,2}$");
    private static final Pattern OPTION_NAME = Pattern.compile("^(--)?([a-z][a-z0-9-]{0,31})$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_PATH = 1024;
    private static final int MAX_BOOT_DEVICES = 8;

    private static final List<String> BOOT_GROUPS =
            List.of("boot-order", "efi-secure-boot", "select-boot-device", "external-boot-device");

    /** Allowed option names (with their value checks) and flags per device type, from the man page. */
    private static final Map<String, DeviceType> DEVICE_TYPES = deviceTypes();

    /** Supported group/operation → translation. */
    private static final Map<String, Translation> TABLE = table();

    /** Names the reference has that are refused on purpose, group/operation (or group/*) → why. */
    private static final Map<String, String> REFUSED = refused();

    private SetOperations() {}

    /** @throws IllegalArgumentException saying what is unsupported or invalid */
    static List<String> toArguments(ConfigOperation operation) {
        String group = operation.group().trim().toLowerCase(Locale.ROOT);
        String op = operation.operation().trim().toLowerCase(Locale.ROOT);
        String key = group + "/" + op;
        Translation translation = TABLE.get(key);
        if (translation == null) {
            String reason = REFUSED.getOrDefault(key, REFUSED.get(group + "/*"));
            if (reason != null) {
                throw new IllegalArgumentException(key + " is not supported: " + reason);
            }
            throw new IllegalArgumentException(unsupported(group, op));
        }
        Request request = new Request(
                key,
                operation.value() == null ? "" : operation.value().trim(),
                operation.options() == null ? List.of() : operation.options(),
                operation.flags() == null ? List.of() : operation.flags());
        return translation.apply(request);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The table

    private static Map<String, Translation> table() {
        Map<String, Translation> table = new LinkedHashMap<>();
        table.put("cpu/set", setting("--cpus", SetOperations::countOrAuto));
        table.put("cpu/set_type", setting("--cpu-type", oneOf("x86", "arm")));
        table.put("memory/set", setting("--memsize", SetOperations::countOrAuto));
        table.put("machine/rename", setting("--name", SetOperations::vmName));
        table.put("machine/description", setting("--description", SetOperations::description));
        for (String group : BOOT_GROUPS) {
            table.put(group + "/boot-order", setting("--device-bootorder", SetOperations::bootOrder));
            table.put(group + "/efi-secure-boot", setting("--efi-secure-boot", SetOperations::onOff));
            table.put(group + "/select-boot-device", setting("--select-boot-device", SetOperations::onOff));
            table.put(
                    group + "/external-boot-device",
                    setting("--external-boot-device", matching(EXTERNAL_DEVICE, "a device name")));
        }
        table.put("time/time-sync", setting("--time-sync", SetOperations::onOff));
        table.put("time/time-sync-smart-mode", setting("--time-sync-smart-mode", SetOperations::onOff));
        table.put("time/disable-timezone-sync", setting("--disable-timezone-sync", SetOperations::onOff));
        table.put("time/disable-timezone-synct", setting("--disable-timezone-sync", SetOperations::onOff));
        table.put("time/time-sync-interval", setting("--time-sync-interval", SetOperations::seconds));
        table.put("rosetta/set", setting("--rosetta-linux", SetOperations::onOff));
        table.put("device/add", SetOperations::deviceAdd);
        table.put("device/set", request -> deviceSet(request, false));
        table.put("network/set", request -> deviceSet(request, true));
        table.put("device/connect", request -> deviceConnection(request, "--device-connect"));
        table.put("device/disconnect", request -> deviceConnection(request, "--device-disconnect"));
        table.put("shared-folder/add", request -> sharedFolder(request, "--shf-host-add"));
        table.put("shared-folder/set", request -> sharedFolder(request, "--shf-host-set"));
        table.put("shared-folder/delete", request -> {
            noOptionsOrFlags(request);
            return List.of("--shf-host-del", shareName(request.value()));
        });
        return Collections.unmodifiableMap(table);
    }

    private static Map<String, String> refused() {
        Map<String, String> refused = new LinkedHashMap<>();
        String biosType = "a firmware type is not a boot order (the reference sends it as --device-bootorder), and"
                + " there is no known prlctl flag that selects legacy, efi32, efi64 or efi-arm64";
        for (String group : BOOT_GROUPS) {
            refused.put(group + "/bios-type", biosType);
        }
        refused.put(
                "device/remove",
                "the reference accepts the name but never runs it (its device handler has no remove case)");
        refused.put("network/add", "the reference accepts it but does nothing; add an adapter with device/add net");
        refused.put("network/remove", "the reference accepts it but does nothing");
        for (String command : List.of(
                "clone",
                "archive",
                "unarchive",
                "pack",
                "unpack",
                "encrypt",
                "decrypt",
                "reset-uptime",
                "install-tools")) {
            refused.put(
                    "machine/" + command,
                    "it is a separate prlctl command, not a prlctl set setting, and is not run through /set");
        }
        refused.put("state/*", "state changes are not prlctl set settings; use the machine's state endpoints");
        refused.put("cmd/*", "custom commands would pass request text to prlctl as flags");
        return Collections.unmodifiableMap(refused);
    }

    private static String unsupported(String group, String op) {
        Set<String> groups = new TreeSet<>();
        Set<String> operations = new TreeSet<>();
        for (String key : TABLE.keySet()) {
            String[] parts = key.split("/", 2);
            groups.add(parts[0]);
            if (parts[0].equals(group)) {
                operations.add(parts[1]);
            }
        }
        if (operations.isEmpty()) {
            return "unsupported group '" + shown(group) + "'; supported groups: " + String.join(", ", groups);
        }
        return "unsupported operation '" + shown(op) + "' for group " + group + "; " + group + " supports: "
                + String.join(", ", operations);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Translations

    /** A single {@code --flag value} setting that takes no options or flags. */
    private static Translation setting(String flag, Check check) {
        return request -> {
            noOptionsOrFlags(request);
            return List.of(flag, check.apply(request.key(), request.value()));
        };
    }

    private static List<String> deviceAdd(Request request) {
        String type = request.value().toLowerCase(Locale.ROOT);
        DeviceType deviceType = DEVICE_TYPES.get(type);
        if (deviceType == null) {
            throw new IllegalArgumentException("device/add: the device type must be one of "
                    + String.join(", ", DEVICE_TYPES.keySet()) + ", got '" + shown(request.value()) + "'");
        }
        List<String> arguments = new ArrayList<>(List.of("--device-add", type));
        arguments.addAll(optionsAndFlags(request, type + " device", deviceType.options(), deviceType.flags()));
        return arguments;
    }

    private static List<String> deviceSet(Request request, boolean networkOnly) {
        String name = deviceName(request);
        String type = typeOf(name);
        if (networkOnly && !type.equals("net")) {
            throw new IllegalArgumentException(
                    request.key() + " sets network adapters only (net0, net1, …), got '" + name + "'");
        }
        DeviceType deviceType = DEVICE_TYPES.get(type);
        List<String> rest = optionsAndFlags(request, type + " device", deviceType.options(), deviceType.flags());
        if (rest.isEmpty()) {
            if (!type.equals("net")) {
                throw new IllegalArgumentException(
                        request.key() + " " + name + ": nothing to set; send options or flags");
            }
            // Paddock's behaviour since network/set first existed: with nothing else given, regenerate the MAC.
            rest = List.of("--mac", "auto");
        }
        List<String> arguments = new ArrayList<>(List.of("--device-set", name));
        arguments.addAll(rest);
        return arguments;
    }

    private static List<String> deviceConnection(Request request, String flag) {
        noOptionsOrFlags(request);
        String name = deviceName(request);
        if (!DEVICE_TYPES.get(typeOf(name)).connectable()) {
            throw new IllegalArgumentException(request.key() + ": only cdrom, fdd and net devices can be connected or"
                    + " disconnected, got '" + name + "'");
        }
        return List.of(flag, name);
    }

    private static List<String> sharedFolder(Request request, String flag) {
        String name = shareName(request.value());
        Map<String, Check> options = new LinkedHashMap<>();
        options.put("path", SetOperations::absolutePath);
        options.put("mode", oneOf("ro", "rw"));
        List<String> rest = optionsAndFlags(request, "shared folder", options, Set.of("enable", "disable"));
        if (flag.equals("--shf-host-add") && !rest.contains("--path")) {
            throw new IllegalArgumentException("shared-folder/add needs a path option (an absolute host path)");
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(
                    "shared-folder/set " + name + ": nothing to set; send path, mode, enable or disable");
        }
        List<String> arguments = new ArrayList<>(List.of(flag, name));
        arguments.addAll(rest);
        return arguments;
    }

    /**
     * The request's flags then its options, as the reference's {@code GetCmdArgs} orders them, each name on the
     * allow-list, each option value checked, nothing repeated and no contradictory pair of flags.
     */
    private static List<String> optionsAndFlags(
            Request request, String what, Map<String, Check> allowedOptions, Set<String> allowedFlags) {
        List<String> arguments = new ArrayList<>();
        Set<String> seenFlags = new LinkedHashSet<>();
        for (String raw : request.flags()) {
            String flag = optionName(request, raw == null ? "" : raw, "flag");
            if (!allowedFlags.contains(flag)) {
                throw new IllegalArgumentException(request.key() + ": flag '" + flag + "' is not allowed for a " + what
                        + "; allowed flags: " + listed(allowedFlags));
            }
            if (!seenFlags.add(flag)) {
                throw new IllegalArgumentException(request.key() + ": flag '" + flag + "' is given twice");
            }
            arguments.add("--" + flag);
        }
        for (String[] pair : new String[][] {{"connect", "disconnect"}, {"enable", "disable"}}) {
            if (seenFlags.contains(pair[0]) && seenFlags.contains(pair[1])) {
                throw new IllegalArgumentException(
                        request.key() + ": flags '" + pair[0] + "' and '" + pair[1] + "' contradict each other");
            }
        }
        Set<String> seenOptions = new LinkedHashSet<>();
        for (ConfigOption option : request.options()) {
            String name = optionName(request, option.flag() == null ? "" : option.flag(), "option");
            Check check = allowedOptions.get(name);
            if (check == null) {
                String hint = allowedFlags.contains(name) ? " (it is a flag: send it in flags)" : "";
                throw new IllegalArgumentException(request.key() + ": option '" + name + "' is not allowed for a "
                        + what + hint + "; allowed options: " + listed(allowedOptions.keySet()));
            }
            if (!seenOptions.add(name)) {
                throw new IllegalArgumentException(request.key() + ": option '" + name + "' is given twice");
            }
            String value = option.value() == null ? "" : option.value().trim();
            arguments.add("--" + name);
            arguments.add(check.apply(request.key() + " option " + name, value));
        }
        return arguments;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Value checks: each returns the value to pass to prlctl, or throws saying what was wrong

    @FunctionalInterface
    private interface Check {
        /** @param what names the setting in the message, e.g. {@code cpu/set} */
        String apply(String what, String value);
    }

    private static String countOrAuto(String what, String value) {
        if (value.equalsIgnoreCase("auto")) {
            return "auto";
        }
        return positive(what, value, "a positive whole number or auto");
    }

    private static String seconds(String what, String value) {
        return positive(what, value, "a positive whole number of seconds");
    }

    private static String megabytes(String what, String value) {
        return positive(what, value, "a positive whole number of megabytes");
    }

    private static String positive(String what, String value, String expected) {
        if (!COUNT.matcher(value).matches() || Long.parseLong(value) < 1) {
            throw invalid(what, expected, value);
        }
        return value;
    }

    private static String onOff(String what, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> "on";
            case "off", "false" -> "off";
            default -> throw invalid(what, "on or off (or true or false)", value);
        };
    }

    private static Check oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return (what, value) -> {
            String lower = value.toLowerCase(Locale.ROOT);
            if (!values.contains(lower)) {
                throw invalid(what, "one of " + String.join(", ", values), value);
            }
            return lower;
        };
    }

    private static Check matching(Pattern pattern, String expected) {
        return (what, value) -> {
            if (!pattern.matcher(value).matches()) {
                throw invalid(what, expected, value);
            }
            return value;
        };
    }

    private static String vmName(String what, String value) {
        if (!VM_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + ": invalid VM name '" + shown(value) + "': a name " + MachineRequests.VM_NAME_MESSAGE);
        }
        return value;
    }

    private static String description(String what, String value) {
        if (value.startsWith("-") || value.length() > 1024) {
            throw new IllegalArgumentException(
                    what + ": the description must not start with - and is at most 1024 characters");
        }
        return value;
    }

    /** {@code "hdd0 cdrom0 net0"}: HDD, CD/DVD, FDD and network devices, each at most once, as one argument. */
    private static String bootOrder(String what, String value) {
        String[] devices =
                value.isEmpty() ? new String[0] : value.toLowerCase(Locale.ROOT).split("\\s+");
        if (devices.length == 0 || devices.length > MAX_BOOT_DEVICES) {
            throw invalid(what, "1 to " + MAX_BOOT_DEVICES + " device names separated by spaces", value);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String device : devices) {
            if (!BOOT_DEVICE.matcher(device).matches()) {
                throw new IllegalArgumentException(what + ": '" + shown(device)
                        + "' is not a bootable device name (hdd, cdrom, fdd or net followed by its number, e.g."
                        + " hdd0)");
            }
            if (!seen.add(device)) {
                throw new IllegalArgumentException(what + ": device '" + device + "' is listed twice");
            }
        }
        return String.join(" ", seen);
    }

    /** An absolute host path: starts with /, no control characters, no {@code ..} segment. */
    private static String absolutePath(String what, String value) {
        if (!value.startsWith("/")) {
            throw invalid(what, "an absolute path (starting with /)", value);
        }
        if (value.length() > MAX_PATH || CONTROL.matcher(value).find()) {
            throw invalid(what, "a path of at most " + MAX_PATH + " characters without control characters", value);
        }
        for (String segment : value.split("/")) {
            if (segment.equals("..")) {
                throw invalid(what, "a path without .. segments", value);
            }
        }
        return value;
    }

    private static String shareName(String value) {
        if (!SHARE_NAME.matcher(value).matches()) {
            throw invalid(
                    "shared folder name",
                    "1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit",
                    value);
        }
        return value;
    }

    private static String deviceName(Request request) {
        String name = request.value().toLowerCase(Locale.ROOT);
        if (!DEVICE_NAME.matcher(name).matches()) {
            throw invalid(
                    request.key(),
                    "a device name (hdd, cdrom, fdd, net, serial, parallel or sound followed by its number, or usb)",
                    request.value());
        }
        return name;
    }

    private static String typeOf(String deviceName) {
        return deviceName.replaceFirst("[0-9]+$", "");
    }

    /** An option or flag name, with or without its leading {@code --}; returned without it. */
    private static String optionName(Request request, String raw, String kind) {
        Matcher matcher = OPTION_NAME.matcher(raw.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(request.key() + " " + kind + " name", "a name such as mac or --mac", raw);
        }
        return matcher.group(2);
    }

    private static void noOptionsOrFlags(Request request) {
        if (!request.options().isEmpty() || !request.flags().isEmpty()) {
            throw new IllegalArgumentException(request.key() + " takes a value only, no options or flags");
        }
    }

    private static IllegalArgumentException invalid(String what, String expected, String value) {
        return new IllegalArgumentException(what + " must be " + expected + ", got '" + shown(value) + "'");
    }

    /** The value as shown in a message: control characters escaped, long values cut. */
    private static String shown(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String escaped = CONTROL.matcher(value).replaceAll("?");
        return escaped.length() > 80 ? escaped.substring(0, 80) + "…" : escaped;
    }

    private static String listed(Set<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Device types

    /**
     * What {@code --device-add <type>} and {@code --device-set <name>} accept per type (man page, "Managing VE
     * devices"). Options with side effects the API should not offer ({@code --recreate}, which overwrites an image;
     * guest network configuration such as {@code --ipadd}) are left out. hdd's {@code sata} interface and {@code
     * expand|plain} type, and net's {@code shared|host-only} types, are Parallels Desktop's (used with prlctl by
     * Vagrant and Packer configurations); the man page is OpenVZ's.
     */
    private static Map<String, DeviceType> deviceTypes() {
        Set<String> enable = Set.of("enable", "disable");
        Set<String> connect = Set.of("enable", "disable", "connect", "disconnect");
        Check path = SetOperations::absolutePath;
        Check position = matching(POSITION, "a device position number (0-99)");
        Map<String, DeviceType> types = new LinkedHashMap<>();
        types.put(
                "cdrom",
                new DeviceType(
                        Map.<String, Check>of(
                                "image", path, "iface", oneOf("ide", "scsi", "sata"), "position", position),
                        connect,
                        true));
        types.put("fdd", new DeviceType(Map.<String, Check>of("image", path), connect, true));
        types.put(
                "hdd",
                new DeviceType(
                        Map.<String, Check>of(
                                "image",
                                path,
                                "size",
                                SetOperations::megabytes,
                                "iface",
                                oneOf("ide", "scsi", "sata", "virtio"),
                                "type",
                                oneOf("expand", "plain"),
                                "position",
                                position),
                        enable,
                        false));
        types.put(
                "net",
                new DeviceType(
                        Map.<String, Check>of(
                                "type", oneOf("shared", "bridged", "host-only", "routed"),
                                "iface", matching(HOST_INTERFACE, "a host network interface name such as en0"),
                                "mac", matching(MAC, "auto or a MAC address"),
                                "adapter-type", oneOf("virtio", "e1000", "rtl")),
                        connect,
                        true));
        types.put(
                "serial",
                new DeviceType(
                        Map.<String, Check>of("output", path, "socket", path, "socket-mode", oneOf("server", "client")),
                        enable,
                        false));
        types.put("parallel", new DeviceType(Map.<String, Check>of("output", path), enable, false));
        types.put("usb", new DeviceType(Map.of(), enable, false));
        types.put("sound", new DeviceType(Map.of(), enable, false));
        return Collections.unmodifiableMap(types);
    }

    private record DeviceType(Map<String, Check> options, Set<String> flags, boolean connectable) {}

    @FunctionalInterface
    private interface Translation {
        List<String> apply(Request request);
    }

    /** The operation with its value trimmed and absent lists empty; {@code key} is {@code group/operation}. */
    private record Request(String key, String value, List<ConfigOption> options, List<@Nullable String> flags) {}
}
