package dev.paddock.cli.api;

import dev.paddock.cli.CliException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Small helpers for building request paths from what users type. */
public final class Paths {

    private Paths() {}

    /** Encodes one path segment, so a name with spaces or slashes cannot change the path. */
    public static String segment(@Nullable String value) {
        return URLEncoder.encode(required(value), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A name or id as typed, refused when blank (a path built from it would address something else). */
    public static String required(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw CliException.usage("A name or id is required.");
        }
        return value;
    }

    public static void exactlyOne(
            @Nullable String first, @Nullable String second, String firstFlag, String secondFlag) {
        if ((first == null) == (second == null)) {
            throw CliException.usage("Give exactly one of " + firstFlag + " and " + secondFlag + ".");
        }
    }
}
