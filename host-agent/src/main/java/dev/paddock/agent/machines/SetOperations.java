package dev.paddock.agent.machines;

import dev.paddock.agent.machines.MachineRequests.ConfigOperation;
import dev.paddock.agent.machines.MachineRequests.ConfigOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Translates the reference's {@code set} operations into {@code prlctl set} arguments. Only the settings below are
 * accepted, each value checked, so nothing a request sends becomes an unexpected flag:
 * cpu/set N → {@code --cpus N}; memory/set MB → {@code --memsize MB}; machine/rename NAME → {@code --name NAME};
 * machine/description TEXT → {@code --description TEXT}; network|device/set net0 with option mac=auto|MAC →
 * {@code --device-set net0 --mac ...}.
 */
final class SetOperations {

    private static final Pattern NUMBER = Pattern.compile("^[0-9]{1,7}$");
    private static final Pattern MAC = Pattern.compile("^(auto|[0-9A-Fa-f]{12}|([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2})$");
    private static final Pattern NAME = Pattern.compile(MachineRequests.VM_NAME);

    private SetOperations() {}

    /** @throws IllegalArgumentException saying what is unsupported or invalid */
    static List<String> toArguments(ConfigOperation operation) {
        String group = operation.group().toLowerCase(Locale.ROOT);
        String op = operation.operation().toLowerCase(Locale.ROOT);
        String value = operation.value() == null ? "" : operation.value().trim();
        return switch (group + "/" + op) {
            case "cpu/set" -> List.of("--cpus", number(value, "cpu count"));
            case "memory/set" -> List.of("--memsize", number(value, "memory size (MB)"));
            case "machine/rename" -> {
                if (!NAME.matcher(value).matches()) {
                    throw new IllegalArgumentException("invalid VM name '" + value + "'");
                }
                yield List.of("--name", value);
            }
            case "machine/description" -> {
                if (value.startsWith("-") || value.length() > 1024) {
                    throw new IllegalArgumentException(
                            "the description must not start with - and is at most 1024 characters");
                }
                yield List.of("--description", value);
            }
            case "network/set", "device/set" -> {
                if (!value.equals("net0")) {
                    throw new IllegalArgumentException("only the net0 device can be set, got '" + value + "'");
                }
                String mac = option(operation.options(), "mac");
                if (!MAC.matcher(mac).matches()) {
                    throw new IllegalArgumentException("mac must be auto or a MAC address, got '" + mac + "'");
                }
                yield List.of("--device-set", "net0", "--mac", mac);
            }
            default ->
                throw new IllegalArgumentException(
                        "unsupported operation " + operation.group() + "/" + operation.operation()
                                + "; supported: cpu/set, memory/set, machine/rename, machine/description, network/set");
        };
    }

    private static String number(String value, String what) {
        if (!NUMBER.matcher(value).matches() || Long.parseLong(value) < 1) {
            throw new IllegalArgumentException(what + " must be a positive whole number, got '" + value + "'");
        }
        return value;
    }

    private static String option(@Nullable List<ConfigOption> options, String flag) {
        if (options != null) {
            for (ConfigOption option : options) {
                if (option.flag().replace("-", "").equalsIgnoreCase(flag)) {
                    return option.value() == null ? "" : option.value();
                }
            }
        }
        return "auto";
    }
}
