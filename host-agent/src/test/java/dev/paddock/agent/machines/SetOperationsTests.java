package dev.paddock.agent.machines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.paddock.agent.machines.MachineRequests.ConfigOperation;
import dev.paddock.agent.machines.MachineRequests.ConfigOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SetOperations}: every supported group/operation's exact prlctl arguments, and every kind of refusal. */
class SetOperationsTests {

    @ParameterizedTest
    @MethodSource
    void translatesEachSupportedOperation(ConfigOperation operation, List<String> expected) {
        assertThat(SetOperations.toArguments(operation)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> translatesEachSupportedOperation() {
        List<Arguments> cases = new ArrayList<>(List.of(
                // cpu, memory
                ok(op("cpu", "set", "4"), "--cpus", "4"),
                ok(op("cpu", "set", " auto "), "--cpus", "auto"),
                ok(op("CPU", "SET", "2"), "--cpus", "2"),
                ok(op("cpu", "set_type", "arm"), "--cpu-type", "arm"),
                ok(op("cpu", "set_type", "X86"), "--cpu-type", "x86"),
                ok(op("memory", "set", "8192"), "--memsize", "8192"),
                ok(op("memory", "set", "AUTO"), "--memsize", "auto"),
                // machine
                ok(op("machine", "rename", "build agent (2)"), "--name", "build agent (2)"),
                ok(op("machine", "description", "CI runner"), "--description", "CI runner"),
                // time
                ok(op("time", "time-sync", "on"), "--time-sync", "on"),
                ok(op("time", "time-sync", "false"), "--time-sync", "off"),
                ok(op("time", "time-sync-smart-mode", "true"), "--time-sync-smart-mode", "on"),
                ok(op("time", "disable-timezone-sync", "off"), "--disable-timezone-sync", "off"),
                ok(op("time", "disable-timezone-synct", "on"), "--disable-timezone-sync", "on"),
                ok(op("time", "time-sync-interval", "60"), "--time-sync-interval", "60"),
                // rosetta
                ok(op("rosetta", "set", "true"), "--rosetta-linux", "on"),
                ok(op("rosetta", "set", "Off"), "--rosetta-linux", "off"),
                // device/add, one per type
                ok(
                        op("device", "add", "cdrom", opts("image", "/Users/me/iso/ubuntu.iso"), flags("connect")),
                        "--device-add",
                        "cdrom",
                        "--connect",
                        "--image",
                        "/Users/me/iso/ubuntu.iso"),
                ok(op("device", "add", "fdd"), "--device-add", "fdd"),
                ok(
                        op(
                                "device",
                                "add",
                                "hdd",
                                opts("--size", "40960", "iface", "SATA", "type", "expand", "position", "3")),
                        "--device-add",
                        "hdd",
                        "--size",
                        "40960",
                        "--iface",
                        "sata",
                        "--type",
                        "expand",
                        "--position",
                        "3"),
                ok(
                        op(
                                "device",
                                "add",
                                "net",
                                opts("type", "bridged", "iface", "en0", "mac", "auto", "adapter-type", "virtio")),
                        "--device-add",
                        "net",
                        "--type",
                        "bridged",
                        "--iface",
                        "en0",
                        "--mac",
                        "auto",
                        "--adapter-type",
                        "virtio"),
                ok(
                        op("device", "add", "serial", opts("output", "/tmp/serial.log")),
                        "--device-add",
                        "serial",
                        "--output",
                        "/tmp/serial.log"),
                ok(
                        op("device", "add", "serial", opts("socket", "/tmp/vm.sock", "socket-mode", "client")),
                        "--device-add",
                        "serial",
                        "--socket",
                        "/tmp/vm.sock",
                        "--socket-mode",
                        "client"),
                ok(
                        op("device", "add", "parallel", opts("output", "/tmp/lpt.out")),
                        "--device-add",
                        "parallel",
                        "--output",
                        "/tmp/lpt.out"),
                ok(op("device", "add", "usb"), "--device-add", "usb"),
                ok(op("device", "add", "SOUND"), "--device-add", "sound"),
                // device/set; net with nothing else regenerates the MAC, as before
                ok(op("device", "set", "net0", opts("mac", "auto")), "--device-set", "net0", "--mac", "auto"),
                ok(op("device", "set", "net0"), "--device-set", "net0", "--mac", "auto"),
                ok(
                        op("device", "set", "net1", opts("mac", "00:1C:42:AA:BB:CC")),
                        "--device-set",
                        "net1",
                        "--mac",
                        "00:1C:42:AA:BB:CC"),
                ok(
                        op("device", "set", "net0", opts("type", "host-only"), flags("--disconnect")),
                        "--device-set",
                        "net0",
                        "--disconnect",
                        "--type",
                        "host-only"),
                ok(op("device", "set", "hdd0", opts("size", "65536")), "--device-set", "hdd0", "--size", "65536"),
                ok(
                        op("device", "set", "cdrom0", opts("image", "/Volumes/iso/tools.iso"), flags("connect")),
                        "--device-set",
                        "cdrom0",
                        "--connect",
                        "--image",
                        "/Volumes/iso/tools.iso"),
                ok(op("device", "set", "usb", null, flags("disable")), "--device-set", "usb", "--disable"),
                ok(op("device", "set", "sound0", null, flags("enable")), "--device-set", "sound0", "--enable"),
                // network/set: device/set for network adapters
                ok(op("network", "set", "net0"), "--device-set", "net0", "--mac", "auto"),
                ok(
                        op("network", "set", "net0", opts("--mac", "001C42AABBCC")),
                        "--device-set",
                        "net0",
                        "--mac",
                        "001C42AABBCC"),
                // device/connect, device/disconnect
                ok(op("device", "connect", "cdrom0"), "--device-connect", "cdrom0"),
                ok(op("device", "connect", "net1"), "--device-connect", "net1"),
                ok(op("device", "disconnect", "fdd0"), "--device-disconnect", "fdd0"),
                // shared folders
                ok(
                        op("shared-folder", "add", "src", opts("path", "/Users/me/src", "mode", "ro")),
                        "--shf-host-add",
                        "src",
                        "--path",
                        "/Users/me/src",
                        "--mode",
                        "ro"),
                ok(
                        op("shared-folder", "add", "My Docs", opts("path", "/Users/me/My Docs"), flags("enable")),
                        "--shf-host-add",
                        "My Docs",
                        "--enable",
                        "--path",
                        "/Users/me/My Docs"),
                ok(op("shared-folder", "set", "src", opts("mode", "rw")), "--shf-host-set", "src", "--mode", "rw"),
                ok(op("shared-folder", "set", "src", null, flags("disable")), "--shf-host-set", "src", "--disable"),
                ok(op("shared-folder", "delete", "src"), "--shf-host-del", "src")));
        // The boot settings: the reference dispatches on the operation whatever the boot group.
        for (String group : List.of("boot-order", "efi-secure-boot", "select-boot-device", "external-boot-device")) {
            cases.add(ok(op(group, "boot-order", "hdd0  cdrom0 NET0"), "--device-bootorder", "hdd0 cdrom0 net0"));
            cases.add(ok(op(group, "efi-secure-boot", "on"), "--efi-secure-boot", "on"));
            cases.add(ok(op(group, "select-boot-device", "false"), "--select-boot-device", "off"));
            cases.add(ok(op(group, "external-boot-device", "usb0"), "--external-boot-device", "usb0"));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource
    void refusesWithAMessageSayingWhatWasWrong(ConfigOperation operation, String expectedMessage) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SetOperations.toArguments(operation))
                .withMessageContaining(expectedMessage);
    }

    static Stream<Arguments> refusesWithAMessageSayingWhatWasWrong() {
        return Stream.of(
                // unknown names
                refused(op("firmware", "set", "x"), "unsupported group 'firmware'; supported groups: boot-order,"),
                refused(
                        op("cpu", "hotplug", "on"),
                        "unsupported operation 'hotplug' for group cpu; cpu supports:" + " set, set_type"),
                refused(op("time", "disable-timezone-syncd", "on"), "unsupported operation 'disable-timezone-syncd'"),
                // refused on purpose
                refused(
                        op("boot-order", "bios-type", "efi64"),
                        "boot-order/bios-type is not supported: a firmware" + " type is not a boot order"),
                refused(op("efi-secure-boot", "bios-type", "legacy"), "efi-secure-boot/bios-type is not supported"),
                refused(
                        op("device", "remove", "hdd1"),
                        "device/remove is not supported: the reference accepts the" + " name but never runs it"),
                refused(op("network", "add", "net"), "network/add is not supported"),
                refused(op("network", "remove", "net1"), "network/remove is not supported"),
                refused(
                        op("machine", "clone", "copy"),
                        "machine/clone is not supported: it is a separate prlctl" + " command"),
                refused(op("machine", "install-tools", ""), "machine/install-tools is not supported"),
                refused(op("state", "start", ""), "state/start is not supported: state changes"),
                refused(op("cmd", "set", "", opts("cpus", "2")), "cmd/set is not supported: custom commands"),
                // bad values
                refused(op("cpu", "set", "0"), "cpu/set must be a positive whole number or auto, got '0'"),
                refused(op("cpu", "set", "four"), "cpu/set must be a positive whole number or auto, got 'four'"),
                refused(op("cpu", "set", "12345678"), "cpu/set must be a positive whole number or auto"),
                refused(op("cpu", "set", null), "cpu/set must be a positive whole number or auto, got ''"),
                refused(op("cpu", "set_type", "riscv"), "cpu/set_type must be one of x86, arm, got 'riscv'"),
                refused(op("memory", "set", "4GB"), "memory/set must be a positive whole number or auto"),
                refused(op("machine", "rename", "bad/name"), "machine/rename: invalid VM name 'bad/name'"),
                refused(op("machine", "description", "x".repeat(1025)), "at most 1024 characters"),
                refused(
                        op("time", "time-sync", "maybe"),
                        "time/time-sync must be on or off (or true or false)," + " got 'maybe'"),
                refused(
                        op("time", "time-sync-interval", "-5"),
                        "time/time-sync-interval must be a positive whole" + " number of seconds, got '-5'"),
                refused(op("rosetta", "set", "yes"), "rosetta/set must be on or off"),
                refused(op("boot-order", "boot-order", ""), "boot-order/boot-order must be 1 to 8 device names"),
                refused(op("boot-order", "boot-order", "hdd0 usb0"), "'usb0' is not a bootable device name"),
                refused(op("boot-order", "boot-order", "hdd0 hdd0"), "device 'hdd0' is listed twice"),
                refused(op("select-boot-device", "external-boot-device", "usb 0"), "must be a device name"),
                refused(
                        op("device", "add", "gpu"),
                        "device/add: the device type must be one of cdrom, fdd, hdd,"
                                + " net, serial, parallel, usb, sound, got 'gpu'"),
                refused(op("device", "set", "hdd"), "device/set must be a device name"),
                refused(op("device", "set", "hdd0"), "device/set hdd0: nothing to set"),
                refused(op("network", "set", "hdd0", opts("size", "1")), "network/set sets network adapters only"),
                refused(
                        op("network", "set", "net0", opts("mac", "12:34")),
                        "network/set option mac must be auto or a" + " MAC address, got '12:34'"),
                refused(op("device", "connect", "hdd0"), "only cdrom, fdd and net devices can be connected"),
                refused(
                        op("device", "disconnect", "net0", opts("mac", "auto")),
                        "device/disconnect takes a value" + " only, no options or flags"),
                refused(
                        op("device", "add", "hdd", opts("size", "10G")),
                        "device/add option size must be a positive" + " whole number of megabytes, got '10G'"),
                refused(
                        op("device", "add", "hdd", opts("iface", "usb")),
                        "device/add option iface must be one of" + " ide, scsi, sata, virtio"),
                refused(
                        op("device", "add", "net", opts("type", "nat")),
                        "device/add option type must be one of" + " shared, bridged, host-only, routed, got 'nat'"),
                refused(op("device", "add", "net", opts("iface", "-en0")), "must be a host network interface name"),
                refused(op("device", "add", "serial", opts("socket-mode", "both")), "must be one of server, client"),
                // flag injection
                refused(op("cpu", "set", "--foo"), "cpu/set must be a positive whole number or auto, got '--foo'"),
                refused(op("machine", "rename", "--template"), "machine/rename: invalid VM name '--template'"),
                refused(op("machine", "description", "--name evil"), "the description must not start with -"),
                refused(op("time", "time-sync", "--foo"), "got '--foo'"),
                refused(op("device", "add", "--foo"), "the device type must be one of"),
                refused(op("device", "set", "--device-del"), "device/set must be a device name"),
                refused(op("device", "connect", "-net0"), "device/connect must be a device name"),
                refused(op("shared-folder", "delete", "--all"), "shared folder name must be 1 to 64 letters"),
                refused(
                        op("cpu", "set", "2", opts("memsize", "4096")),
                        "cpu/set takes a value only, no options or" + " flags"),
                refused(op("memory", "set", "2048", null, flags("force")), "memory/set takes a value only"),
                refused(
                        op("device", "set", "net0", opts("mac", "--foo")),
                        "option mac must be auto or a MAC" + " address, got '--foo'"),
                refused(
                        op("device", "set", "net0", opts("--mac auto --device-del", "hdd0")),
                        "device/set option" + " name must be a name such as mac or --mac"),
                refused(
                        op("device", "add", "cdrom", opts("image", "--connect")),
                        "option image must be an absolute" + " path (starting with /), got '--connect'"),
                refused(
                        op("device", "add", "fdd", null, flags("destroy-image")),
                        "flag 'destroy-image' is not"
                                + " allowed for a fdd device; allowed flags: connect, disable, disconnect, enable"),
                refused(
                        op("device", "set", "usb", null, flags("enable --device-del")),
                        "device/set flag name must" + " be a name such as mac or --mac"),
                // options and flags not on the allow-list
                refused(
                        op("device", "add", "hdd", opts("recreate", "yes")),
                        "option 'recreate' is not allowed for a"
                                + " hdd device; allowed options: iface, image, position, size, type"),
                refused(
                        op("device", "add", "net", opts("ipadd", "10.0.0.2")),
                        "option 'ipadd' is not allowed for a" + " net device"),
                refused(op("device", "add", "usb", opts("image", "/tmp/x")), "allowed options: none"),
                refused(
                        op("device", "set", "cdrom0", opts("connect", "")),
                        "option 'connect' is not allowed for a" + " cdrom device (it is a flag: send it in flags)"),
                refused(
                        op("device", "add", "hdd", null, flags("connect")),
                        "flag 'connect' is not allowed for a hdd" + " device"),
                refused(
                        op("device", "set", "net0", null, flags("connect", "disconnect")),
                        "flags 'connect' and" + " 'disconnect' contradict each other"),
                refused(op("device", "set", "net0", null, flags("enable", "enable")), "flag 'enable' is given twice"),
                refused(
                        op("device", "set", "net0", opts("mac", "auto", "--mac", "auto")),
                        "option 'mac' is given" + " twice"),
                refused(
                        op("shared-folder", "add", "src", opts("path", "/x", "readonly", "yes")),
                        "option" + " 'readonly' is not allowed for a shared folder; allowed options: mode, path"),
                // paths
                refused(
                        op("shared-folder", "add", "src", opts("path", "Users/me/src")),
                        "shared-folder/add option"
                                + " path must be an absolute path (starting with /), got 'Users/me/src'"),
                refused(op("shared-folder", "add", "src", opts("path", "./src")), "must be an absolute path"),
                refused(
                        op("shared-folder", "add", "src", opts("path", "/Users/me/../../etc")),
                        "must be a path" + " without .. segments"),
                refused(op("shared-folder", "add", "src", opts("path", "/tmp/a\nb")), "without control characters"),
                refused(
                        op("device", "add", "hdd", opts("image", "disk.hdd")),
                        "device/add option image must be an" + " absolute path"),
                refused(op("device", "add", "serial", opts("output", "~/serial.log")), "must be an absolute path"),
                // shared folders
                refused(op("shared-folder", "add", "src"), "shared-folder/add needs a path option"),
                refused(op("shared-folder", "add", "src", opts("mode", "ro")), "shared-folder/add needs a path"),
                refused(op("shared-folder", "set", "src"), "shared-folder/set src: nothing to set"),
                refused(
                        op("shared-folder", "add", "src", opts("path", "/x", "mode", "rx")),
                        "option mode must be" + " one of ro, rw, got 'rx'"),
                refused(op("shared-folder", "add", "a/b", opts("path", "/x")), "shared folder name must be"),
                refused(
                        op("shared-folder", "delete", "src", opts("path", "/x")),
                        "shared-folder/delete takes a" + " value only"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Arguments ok(ConfigOperation operation, String... expected) {
        return argumentSet(describe(operation) + " → " + String.join(" ", expected), operation, List.of(expected));
    }

    private static Arguments refused(ConfigOperation operation, String expectedMessage) {
        return argumentSet(describe(operation), operation, expectedMessage);
    }

    private static String describe(ConfigOperation operation) {
        String value = operation.value() == null ? "" : operation.value();
        if (value.length() > 40) {
            value = value.substring(0, 40) + "…";
        }
        return operation.group() + "/" + operation.operation() + " '" + value.replace("\n", "\\n") + "'"
                + (operation.options() == null ? "" : " options " + operation.options())
                + (operation.flags() == null ? "" : " flags " + operation.flags());
    }

    private static ConfigOperation op(String group, String operation, @Nullable String value) {
        return new ConfigOperation(group, operation, value, null, null);
    }

    private static ConfigOperation op(
            String group, String operation, String value, @Nullable List<ConfigOption> options) {
        return new ConfigOperation(group, operation, value, options, null);
    }

    private static ConfigOperation op(
            String group,
            String operation,
            String value,
            @Nullable List<ConfigOption> options,
            @Nullable List<String> flags) {
        return new ConfigOperation(group, operation, value, options, flags);
    }

    private static List<ConfigOption> opts(String... namesAndValues) {
        List<ConfigOption> options = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            options.add(new ConfigOption(namesAndValues[i], namesAndValues[i + 1]));
        }
        return options;
    }

    private static List<String> flags(String... flags) {
        return Arrays.asList(flags);
    }
}
