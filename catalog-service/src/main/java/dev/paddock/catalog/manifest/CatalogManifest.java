package dev.paddock.catalog.manifest;

import dev.paddock.contracts.catalog.MinimumRequirements;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A manifest as the reference's {@code CatalogManifest} names its fields. Storage credentials are never part of it:
 * clients fetch chunks through the catalog, which holds them.
 *
 * @param size bytes of the bundle's tar stream (the unpacked bundle, holes included)
 * @param packSize bytes the pack's distinct chunks occupy in storage (compressed, shared chunks counted once)
 * @param chunkCount chunks in the pack, zero chunks included
 */
public record CatalogManifest(
        UUID id,
        String catalogId,
        String name,
        String version,
        String architecture,
        @Nullable String description,
        String type,
        String path,
        long size,
        long packSize,
        int chunkCount,
        boolean isCompressed,
        Provider provider,
        @Nullable MinimumRequirements minimumRequirements,
        List<String> tags,
        List<String> requiredRoles,
        List<String> requiredClaims,
        boolean tainted,
        @Nullable String taintedBy,
        @Nullable Instant taintedAt,
        @Nullable String untaintedBy,
        boolean revoked,
        @Nullable String revokedBy,
        @Nullable Instant revokedAt,
        long downloadCount,
        @Nullable Instant lastDownloadedAt,
        @Nullable String lastDownloadedUser,
        @Nullable String pushedBy,
        Instant createdAt,
        Instant updatedAt) {

    public ManifestKey key() {
        return new ManifestKey(catalogId, version, architecture);
    }

    /** The storage provider's type only; the reference leaked credentials here. */
    public record Provider(String type) {}
}
