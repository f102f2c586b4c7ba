package dev.paddock.catalog.manifest;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.architecture.Architectures;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A manifest's identity: catalog id, version and architecture. Pushing the same triple again replaces that version.
 * Names are docker-tag-like so they travel safely in URLs, storage keys and file names.
 */
public record ManifestKey(String catalogId, String version, String architecture) {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Path segments the catalog API uses for itself, so a catalog of that name could not be addressed. */
    private static final Set<String> RESERVED = Set.of("chunks", "import", "import-vm", "push", "pull", "gc");

    public static ManifestKey of(String catalogId, String version, String architecture) {
        requireName("catalog_id", catalogId);
        if (RESERVED.contains(catalogId.toLowerCase(Locale.ROOT))) {
            throw ProblemException.badRequest(
                    "invalid-catalog-id",
                    "'" + catalogId + "' is reserved by the catalog API; choose another catalog id.");
        }
        requireName("version", version);
        return new ManifestKey(catalogId, version, architecture(architecture));
    }

    /** The reference's two architectures, accepting the aliases Paddock's one vocabulary accepts. */
    public static String architecture(String raw) {
        return Architectures.canonical(raw == null ? "" : raw)
                .orElseThrow(() -> ProblemException.badRequest(
                        "invalid-architecture", "Architecture '" + raw + "' is not supported; use x86_64 or arm64."));
    }

    static void requireName(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ProblemException.badRequest(
                    "invalid-" + field.replace('_', '-'),
                    field + " '" + value + "' is not valid: use 1-128 letters, digits, '.', '_' or '-', "
                            + "starting with a letter or digit.");
        }
    }

    /** The reference's manifest name: {@code <catalog_id>-<architecture>-<version>}. */
    public String name() {
        return catalogId + "-" + architecture + "-" + version;
    }

    /** Where the manifest's descriptor is kept in storage, so the catalog can be rebuilt from storage alone. */
    String descriptorKey() {
        return catalogId + "/" + version + "/" + architecture + ".json";
    }

    @Override
    public String toString() {
        return catalogId + "/" + version + "/" + architecture;
    }
}
