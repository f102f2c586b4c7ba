package dev.paddock.orchestrator.cache.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.agent.CacheListing;
import dev.paddock.orchestrator.cache.FleetCache;
import dev.paddock.orchestrator.cache.FleetCache.FleetCacheListing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The reference's cache API over the fleet: {@code /cache} as if the fleet were one host, and one host's cache under
 * {@code /orchestrator/hosts/{id}/catalog/cache} (the reference's path) or {@code /orchestrator/hosts/{id}/cache} (the
 * one its web UI calls).
 */
@RestController
@Tag(name = "Pack caches")
class CacheController {

    private static final String HOST_CACHE = "/api/v1/orchestrator/hosts/{host}/catalog/cache";
    private static final String HOST_CACHE_UI = "/api/v1/orchestrator/hosts/{host}/cache";

    private final FleetCache cache;

    CacheController(FleetCache cache) {
        this.cache = cache;
    }

    @GetMapping("/api/v1/cache")
    @RequiresClaims(Claims.LIST_CACHE)
    @Operation(
            summary = "The images cached on every host, with host_id and host_name; hosts_not_answering names the rest")
    FleetCacheListing list() {
        return cache.list();
    }

    @DeleteMapping("/api/v1/cache")
    @RequiresClaims(Claims.DELETE_ALL_CACHE)
    @Operation(summary = "Empty the pack cache of every host (202; the hosts that could not be asked are named)")
    ResponseEntity<Map<String, List<String>>> removeAll() {
        return accepted(cache.remove(""));
    }

    @DeleteMapping({"/api/v1/cache/{catalogId}", "/api/v1/cache/{catalogId}/{version}"})
    @RequiresClaims(Claims.DELET_CACHE_ITEM)
    @Operation(summary = "Remove a catalog id's cached images, or one version's, on every host")
    ResponseEntity<Map<String, List<String>>> remove(
            @PathVariable String catalogId, @PathVariable(required = false) @Nullable String version) {
        return accepted(cache.remove(suffix(catalogId, version)));
    }

    @GetMapping({HOST_CACHE, HOST_CACHE_UI})
    @RequiresClaims(Claims.LIST_CACHE)
    @Operation(summary = "The images cached on one host")
    CacheListing listHost(@PathVariable String host) {
        return cache.listOnHost(host);
    }

    @DeleteMapping({HOST_CACHE, HOST_CACHE_UI})
    @RequiresClaims(Claims.DELETE_ALL_CACHE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Empty one host's pack cache")
    void removeAllOnHost(@PathVariable String host) {
        cache.removeOnHost(host, "");
    }

    @DeleteMapping({
        HOST_CACHE + "/{catalogId}",
        HOST_CACHE + "/{catalogId}/{version}",
        HOST_CACHE_UI + "/{catalogId}",
        HOST_CACHE_UI + "/{catalogId}/{version}"
    })
    @RequiresClaims(Claims.DELET_CACHE_ITEM)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Remove a catalog id's cached images, or one version's, on one host")
    void removeOnHost(
            @PathVariable String host,
            @PathVariable String catalogId,
            @PathVariable(required = false) @Nullable String version) {
        cache.removeOnHost(host, suffix(catalogId, version));
    }

    private static ResponseEntity<Map<String, List<String>>> accepted(List<String> hostsNotAnswering) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("hosts_not_answering", hostsNotAnswering));
    }

    /** The agent's path below {@code /cache}, each segment encoded again. */
    private static String suffix(String catalogId, @Nullable String version) {
        return "/" + UriUtils.encodePathSegment(catalogId, StandardCharsets.UTF_8)
                + (version == null ? "" : "/" + UriUtils.encodePathSegment(version, StandardCharsets.UTF_8));
    }
}
