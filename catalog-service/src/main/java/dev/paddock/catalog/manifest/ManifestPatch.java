package dev.paddock.catalog.manifest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The reference's {@code VirtualMachineCatalogManifestPatch} and {@code UpdateCatalogManifestMetadataRequest}. */
public record ManifestPatch(
        @Nullable String description,
        @Nullable List<String> tags,
        @Nullable List<String> requiredRoles,
        @Nullable List<String> requiredClaims) {}
