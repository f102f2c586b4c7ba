package dev.paddock.contracts.agent;

import java.util.List;

/**
 * A host's pack cache as {@code GET} {@link AgentApi#CACHE} answers it: the shape the reference's handler really encodes
 * ({@code GetCatalogCacheHandler} writes its manifest list object, {@code {total_size, manifests}} — its OpenAPI
 * annotation says a bare array, but the code and the reference's web UI, {@code src/interfaces/Cache.ts}, agree on the
 * object).
 *
 * @param totalSize bytes the cached packs take on disk
 */
public record CacheListing(long totalSize, List<CachedImage> manifests) {

    public CacheListing {
        manifests = List.copyOf(manifests);
    }

    public static CacheListing of(List<CachedImage> manifests) {
        return new CacheListing(
                manifests.stream().mapToLong(CachedImage::cacheSize).sum(), manifests);
    }
}
