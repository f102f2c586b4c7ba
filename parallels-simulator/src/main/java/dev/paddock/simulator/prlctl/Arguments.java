package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.SimulatorFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** prlctl's argument style: flags and {@code --option value} pairs anywhere, positionals in order. */
final class Arguments {

    private final List<String> remaining;

    Arguments(List<String> args) {
        this.remaining = new ArrayList<>(args);
    }

    /** Removes a flag if present. */
    boolean flag(String... names) {
        for (String name : names) {
            if (remaining.remove(name)) {
                return true;
            }
        }
        return false;
    }

    /** Removes an option and its value if present. */
    Optional<String> option(String... names) {
        for (String name : names) {
            int index = remaining.indexOf(name);
            if (index >= 0) {
                if (index + 1 >= remaining.size()) {
                    throw SimulatorFailure.usage("Option " + name + " needs a value.");
                }
                String value = remaining.get(index + 1);
                remaining.remove(index + 1);
                remaining.remove(index);
                return Optional.of(value);
            }
            for (int i = 0; i < remaining.size(); i++) {
                if (remaining.get(i).startsWith(name + "=")) {
                    return Optional.of(remaining.remove(i).substring(name.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    String requiredPositional(String what) {
        String value = positionalOrNull();
        if (value == null) {
            throw SimulatorFailure.usage("Missing " + what + ".");
        }
        return value;
    }

    @Nullable String positionalOrNull() {
        for (int i = 0; i < remaining.size(); i++) {
            if (!remaining.get(i).startsWith("-")) {
                return remaining.remove(i);
            }
        }
        return null;
    }

    /** Everything not consumed, in order (for exec, whose command line follows the VM). */
    List<String> remaining() {
        return List.copyOf(remaining);
    }

    void requireEmpty(String command) {
        if (!remaining.isEmpty()) {
            throw SimulatorFailure.usage("Unrecognized " + command + " arguments: " + String.join(" ", remaining));
        }
    }
}
