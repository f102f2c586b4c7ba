package dev.paddock.contracts.architecture;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one vocabulary of CPU architectures across Paddock: {@code arm64} (Apple silicon) and {@code x86_64} (Intel
 * Macs). Every alias a client or a tool may print ({@code aarch64} from a JVM, {@code amd64}, {@code x64}) maps to one
 * of the two.
 */
public final class Architectures {

    public static final String ARM64 = "arm64";
    public static final String X86_64 = "x86_64";
    public static final List<String> ALL = List.of(ARM64, X86_64);

    /** What a request may name an architecture: either name or an alias {@link #canonical} maps (for validation). */
    public static final String PATTERN = "^(?i)(arm64|aarch64|x86_64|amd64|x64|x86-64)$";

    public static final String MESSAGE = "must be x86_64 or arm64";

    private Architectures() {}

    /** The canonical name of {@code name}, or empty when it names no architecture Paddock runs on. */
    public static Optional<String> canonical(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "arm64", "aarch64" -> Optional.of(ARM64);
            case "x86_64", "amd64", "x64", "x86-64" -> Optional.of(X86_64);
            default -> Optional.empty();
        };
    }
}
