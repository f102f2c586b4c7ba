package dev.paddock.agent.catalog.web;

import dev.paddock.agent.catalog.PackCache;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.agent.CacheListing;
import dev.paddock.contracts.agent.CachedImage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The reference's {@code /cache} endpoints over the host's pack cache. */
@RestController
@Tag(name = "Pack cache")
class CacheController {

    private final PackCache cache;

    CacheController(PackCache cache) {
        this.cache = cache;
    }

    @GetMapping(AgentApi.CACHE)
    @RequiresClaims(Claims.LIST_CACHE)
    @Operation(summary = "Images in this host's pack cache")
    CacheListing list() {
        return CacheListing.of(cache.list().stream().map(CacheController::view).toList());
    }

    private static CachedImage view(PackCache.Item item) {
        return new CachedImage(
                item.catalogId(),
                item.version(),
                item.architecture(),
                item.type(),
                item.size(),
                item.cacheSize(),
                "chunks",
                item.cacheDate(),
                item.cacheLastUsed(),
                item.cacheUsedCount(),
                item.chunks().size());
    }

    @DeleteMapping(AgentApi.CACHE)
    @RequiresClaims(Claims.DELETE_ALL_CACHE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Empty the pack cache (409 while a pull uses an image)")
    void deleteAll() {
        cache.remove(item -> true);
    }

    @DeleteMapping(AgentApi.CACHE + "/{catalogId}")
    @RequiresClaims(Claims.DELET_CACHE_ITEM)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Remove every cached version of a catalog id")
    void deleteCatalog(@PathVariable String catalogId) {
        cache.remove(item -> item.catalogId().equals(catalogId));
    }

    @DeleteMapping(AgentApi.CACHE + "/{catalogId}/{version}")
    @RequiresClaims(Claims.DELET_CACHE_ITEM)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Remove one cached version")
    void deleteVersion(@PathVariable String catalogId, @PathVariable String version) {
        cache.remove(
                item -> item.catalogId().equals(catalogId) && item.version().equals(version));
    }
}
