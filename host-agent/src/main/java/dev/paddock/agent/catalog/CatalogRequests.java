package dev.paddock.agent.catalog;

import dev.paddock.contracts.catalog.MinimumRequirements;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Request and response bodies of the host's catalog endpoints, with the reference's field names. */
public final class CatalogRequests {

    private CatalogRequests() {}

    /**
     * The reference's {@code PushCatalogManifestRequest}: the bundle at {@code local_path} becomes version
     * {@code version} of {@code catalog_id}. Compression options are accepted and ignored (chunks are always zstd).
     */
    public record Push(
            @Nullable String catalogId,
            @Nullable String version,
            @Nullable String architecture,
            @Nullable String localPath,
            @Nullable String description,
            @Nullable List<String> tags,
            @Nullable List<String> requiredRoles,
            @Nullable List<String> requiredClaims,
            @Nullable MinimumRequirements minimumRequirements,
            @Nullable String connection) {}

    /**
     * The reference's {@code PullCatalogManifestRequest}: fetch an image and register it as {@code machine_name}.
     *
     * @param version a version or a tag; default {@code latest}
     * @param path the folder the bundle goes into; default the agent's VM folder
     */
    public record Pull(
            @Nullable String catalogId,
            @Nullable String version,
            @Nullable String architecture,
            @Nullable String machineName,
            @Nullable String owner,
            @Nullable String path,
            boolean startAfterPull,
            @Nullable String connection) {}

    /**
     * The reference's {@code PullCatalogManifestResponse}, with what the transfer cost.
     *
     * @param bytesFetched compressed bytes fetched from the catalog (the rest came from the pack cache)
     */
    public record Pulled(
            String id,
            String localPath,
            String machineId,
            String machineName,
            Object manifest,
            long bytesFetched,
            long bytesFromCache) {}
}
