package dev.paddock.contracts.catalog;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT} {@link CatalogApi#MANIFEST}: what a push commits once every chunk is stored, the pack's index
 * and the manifest's metadata. The catalog refuses it with 409 {@code chunks-missing} when a chunk is not stored (for
 * instance collected while a slow push ran). It is also the descriptor the catalog keeps in storage (with the key), from
 * which {@code import} re-creates a manifest; in a commit the key comes from the path.
 *
 * @param type {@code macvm} or {@code pvm}
 */
public record ManifestCommit(
        @Nullable String catalogId,
        @Nullable String version,
        @Nullable String architecture,
        @Nullable String type,
        @Nullable String description,
        @Nullable List<String> tags,
        @Nullable List<String> requiredRoles,
        @Nullable List<String> requiredClaims,
        @Nullable MinimumRequirements minimumRequirements,
        @Nullable PackIndex pack) {

    /** This commit naming its manifest, as the descriptor kept in storage does. */
    public ManifestCommit withKey(String catalogId, String version, String architecture) {
        return with(catalogId, version, architecture, pack);
    }

    /** This commit carrying {@code pack}: a push packs (again) and commits the metadata it was given. */
    public ManifestCommit withPack(PackIndex pack) {
        return with(catalogId, version, architecture, pack);
    }

    private ManifestCommit with(
            @Nullable String catalogId,
            @Nullable String version,
            @Nullable String architecture,
            @Nullable PackIndex pack) {
        return new ManifestCommit(
                catalogId,
                version,
                architecture,
                type,
                description,
                tags,
                requiredRoles,
                requiredClaims,
                minimumRequirements,
                pack);
    }
}
