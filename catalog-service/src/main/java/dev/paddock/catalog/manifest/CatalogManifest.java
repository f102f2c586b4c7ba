package dev.paddock.catalog.manifest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A manifest as the reference's {@code CatalogManifest} names its fields (storage credentials never included). */
public record CatalogManifest(
        UUID id,
        String catalogId,
        String name,
        String version,
        String architecture,
        @Nullable String description,
        String type,
        long size,
        List<String> tags,
        List<String> requiredRoles,
        List<String> requiredClaims,
        boolean tainted,
        boolean revoked,
        long downloadCount,
        Instant createdAt,
        Instant updatedAt) {}
