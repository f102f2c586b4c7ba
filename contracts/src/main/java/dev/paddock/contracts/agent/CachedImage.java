package dev.paddock.contracts.agent;

import java.time.Instant;

/**
 * One image in a host's pack cache ({@code GET} {@link AgentApi#CACHE}): the reference's cache fields of its
 * {@code CatalogManifest}, plus how many chunks the cached pack has.
 */
public record CachedImage(
        String catalogId,
        String version,
        String architecture,
        String type,
        long size,
        long cacheSize,
        String cacheType,
        Instant cacheDate,
        Instant cacheLastUsed,
        int cacheUsedCount,
        int chunkCount) {}
