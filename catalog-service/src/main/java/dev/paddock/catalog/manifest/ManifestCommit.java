package dev.paddock.catalog.manifest;

import dev.paddock.pack.PackIndex;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a push commits once every chunk is stored: the pack's index and the manifest's metadata. It is also the
 * descriptor kept in storage (with the key), from which {@code import} re-creates a manifest.
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
        CatalogManifest.@Nullable MinimumRequirements minimumRequirements,
        @Nullable PackIndex pack) {

    ManifestCommit withKey(ManifestKey key) {
        return new ManifestCommit(
                key.catalogId(),
                key.version(),
                key.architecture(),
                type,
                description,
                tags,
                requiredRoles,
                requiredClaims,
                minimumRequirements,
                pack);
    }
}
