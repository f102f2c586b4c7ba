package dev.paddock.agent.catalog;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.architecture.Architectures;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The names a push or a pull is given, checked before any job starts so a bad request gets a 400 that names the field.
 * The catalog checks them again; checking here keeps a typo from costing a pack of the whole bundle.
 */
final class CatalogNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private CatalogNames() {}

    /** A catalog id or version as the catalog accepts it (docker-tag-like). */
    static String requireName(String field, @Nullable String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ProblemException.badRequest(
                    "invalid-" + field.replace('_', '-'),
                    field + " '" + value
                            + "' is not valid: use 1-128 letters, digits, '.', '_' or '-', starting with a "
                            + "letter or digit.");
        }
        return value;
    }

    /** The canonical name of an architecture Paddock runs on. */
    static String architecture(String raw) {
        return Architectures.canonical(raw)
                .orElseThrow(() -> ProblemException.badRequest(
                        "invalid-architecture", "Architecture '" + raw + "' is not supported; use x86_64 or arm64."));
    }
}
