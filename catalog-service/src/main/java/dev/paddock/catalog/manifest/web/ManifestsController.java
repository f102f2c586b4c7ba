package dev.paddock.catalog.manifest.web;

import dev.paddock.catalog.manifest.CatalogManifest;
import dev.paddock.catalog.manifest.ManifestKey;
import dev.paddock.catalog.manifest.ManifestPatch;
import dev.paddock.catalog.manifest.Manifests;
import dev.paddock.catalog.manifest.Manifests.Field;
import dev.paddock.catalog.manifest.PackDownload;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.catalog.CatalogApi;
import dev.paddock.contracts.catalog.ManifestCommit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The reference's catalog API (paths and shapes), plus the commit that ends a chunked push (ADR 0200). */
@RestController
@Tag(name = "Catalog")
class ManifestsController {

    private final Manifests manifests;

    ManifestsController(Manifests manifests) {
        this.manifests = manifests;
    }

    @GetMapping(CatalogApi.CATALOG)
    @RequiresClaims(Claims.LIST_CATALOG_MANIFEST)
    @Operation(summary = "Every manifest the caller may see, grouped by catalog id")
    List<Map<String, List<CatalogManifest>>> list() {
        Map<String, List<CatalogManifest>> grouped = manifests.listGrouped(CurrentCaller.require());
        // The reference answers a list of single-key objects: [{"<catalog_id>": [manifest...]}].
        return grouped.entrySet().stream()
                .map(e -> Map.of(e.getKey(), e.getValue()))
                .toList();
    }

    @GetMapping(CatalogApi.CATALOG_ID)
    @RequiresClaims(Claims.LIST_CATALOG_MANIFEST)
    @Operation(summary = "Every version and architecture of one catalog id")
    List<CatalogManifest> ofCatalog(@PathVariable String catalogId) {
        return manifests.ofCatalog(catalogId, CurrentCaller.require());
    }

    @GetMapping(CatalogApi.VERSION)
    @RequiresClaims(Claims.LIST_CATALOG_MANIFEST)
    @Operation(summary = "A version (or the version a tag names); the first architecture when there are several")
    CatalogManifest ofVersion(@PathVariable String catalogId, @PathVariable String version) {
        return manifests.ofVersion(catalogId, version, CurrentCaller.require()).getFirst();
    }

    @GetMapping(CatalogApi.MANIFEST)
    @RequiresClaims(Claims.LIST_CATALOG_MANIFEST)
    @Operation(summary = "One manifest; the version may be a tag such as 'latest'")
    CatalogManifest get(
            @PathVariable String catalogId, @PathVariable String version, @PathVariable String architecture) {
        return manifests.get(catalogId, version, architecture, CurrentCaller.require());
    }

    @GetMapping(CatalogApi.DOWNLOAD)
    @RequiresClaims(Claims.PULL_CATALOG_MANIFEST)
    @Operation(
            summary = "Download descriptor: the manifest and its pack's chunks (400 if tainted, 403 if revoked); "
                    + "counts a download")
    PackDownload download(
            @PathVariable String catalogId, @PathVariable String version, @PathVariable String architecture) {
        return manifests.download(catalogId, version, architecture, CurrentCaller.require());
    }

    @PutMapping(CatalogApi.MANIFEST)
    @RequiresClaims(Claims.PUSH_CATALOG_MANIFEST)
    @Operation(
            summary = "Commit a push: every chunk of the pack must be stored (409 chunks-missing lists those that are "
                    + "not); creates the version or replaces it; it becomes 'latest'")
    CatalogManifest commit(
            @PathVariable String catalogId,
            @PathVariable String version,
            @PathVariable String architecture,
            @RequestBody ManifestCommit commit) {
        return manifests.commit(ManifestKey.of(catalogId, version, architecture), commit, CurrentCaller.require());
    }

    record ImportRequest(
            @Nullable String catalogId,
            @Nullable String version,
            @Nullable String architecture) {}

    record ImportResponse(String id) {}

    @PutMapping(CatalogApi.IMPORT)
    @RequiresClaims(Claims.IMPORT_CATALOG_MANIFEST)
    @Operation(summary = "Re-create a manifest from the descriptor its push left in storage")
    ImportResponse importManifest(@RequestBody ImportRequest request) {
        if (request.catalogId() == null || request.version() == null || request.architecture() == null) {
            throw ProblemException.badRequest(
                    "invalid-import", "Name the manifest to import: catalog_id, version and architecture.");
        }
        ManifestKey key = ManifestKey.of(request.catalogId(), request.version(), request.architecture());
        return new ImportResponse(
                manifests.importFromStorage(key, CurrentCaller.require()).id().toString());
    }

    /** The reference registers a VM archive that was uploaded to a provider by other means; Paddock stores packs only. */
    @PutMapping(CatalogApi.IMPORT_VM)
    @Operation(summary = "Not supported: images enter the catalog by a push")
    void importVm() {
        throw new ProblemException(
                HttpStatus.NOT_IMPLEMENTED,
                "operation-not-supported",
                "Operation not supported",
                "The catalog keeps images as verified chunk packs, so an archive uploaded to storage by other means"
                        + " cannot be registered. Push the VM instead (PUT /api/v1/catalog/push on its host), or"
                        + " re-create a manifest whose push left its descriptor in storage with PUT /api/v1/catalog/import.");
    }

    @DeleteMapping(CatalogApi.CATALOG_ID)
    @RequiresClaims(Claims.DELETE_CATALOG_MANIFEST)
    @Operation(summary = "Delete every version of a catalog id; unreferenced chunks are then collected")
    ResponseEntity<Void> deleteCatalog(@PathVariable String catalogId) {
        manifests.delete(catalogId, null, null, CurrentCaller.require());
        return ResponseEntity.ok().build();
    }

    @DeleteMapping(CatalogApi.VERSION)
    @RequiresClaims(Claims.DELETE_CATALOG_MANIFEST)
    @Operation(summary = "Delete a version (every architecture)")
    ResponseEntity<Void> deleteVersion(@PathVariable String catalogId, @PathVariable String version) {
        manifests.delete(catalogId, version, null, CurrentCaller.require());
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @DeleteMapping(CatalogApi.MANIFEST)
    @RequiresClaims(Claims.DELETE_CATALOG_MANIFEST)
    @Operation(summary = "Delete one manifest")
    ResponseEntity<Void> delete(
            @PathVariable String catalogId, @PathVariable String version, @PathVariable String architecture) {
        manifests.delete(catalogId, version, architecture, CurrentCaller.require());
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @PatchMapping(CatalogApi.MANIFEST + "/taint")
    @Operation(summary = "Mark as do-not-use (super user): pulls are refused with 400 until untainted")
    CatalogManifest taint(
            @PathVariable String catalogId, @PathVariable String version, @PathVariable String architecture) {
        return manifests.taint(catalogId, version, architecture, CurrentCaller.require());
    }

    @PatchMapping(CatalogApi.MANIFEST + "/untaint")
    @Operation(summary = "Lift a taint (super user)")
    CatalogManifest untaint(
            @PathVariable String catalogId, @PathVariable String version, @PathVariable String architecture) {
        return manifests.untaint(catalogId, version, architecture, CurrentCaller.require());
    }

    @PatchMapping(CatalogApi.MANIFEST + "/revoke")
    @Operation(summary = "Revoke for good (super user): pulls are refused with 403")
    CatalogManifest revoke(
            @PathVariable String catalogId, @PathVariable String version, @PathVariable String architecture) {
        return manifests.revoke(catalogId, version, architecture, CurrentCaller.require());
    }

    @PutMapping(CatalogApi.MANIFEST + "/metadata")
    @RequiresClaims(Claims.UPDATE_CATALOG_MANIFEST)
    @Operation(summary = "Update the description, and replace tags, required roles or claims when given")
    CatalogManifest metadata(
            @PathVariable String catalogId,
            @PathVariable String version,
            @PathVariable String architecture,
            @RequestBody ManifestPatch patch) {
        return manifests.updateMetadata(catalogId, version, architecture, patch, CurrentCaller.require());
    }

    @PatchMapping(CatalogApi.MANIFEST + "/{field:tags|roles|claims}")
    @RequiresClaims(Claims.UPDATE_CATALOG_MANIFEST)
    @Operation(summary = "Add tags (moved from sibling versions), required roles or required claims")
    CatalogManifest add(
            @PathVariable String catalogId,
            @PathVariable String version,
            @PathVariable String architecture,
            @PathVariable String field,
            @RequestBody ManifestPatch patch) {
        return manifests.add(catalogId, version, architecture, field(field), patch, CurrentCaller.require());
    }

    @DeleteMapping(CatalogApi.MANIFEST + "/{field:tags|roles|claims}")
    @RequiresClaims(Claims.UPDATE_CATALOG_MANIFEST)
    @Operation(summary = "Remove tags, required roles or required claims")
    CatalogManifest remove(
            @PathVariable String catalogId,
            @PathVariable String version,
            @PathVariable String architecture,
            @PathVariable String field,
            @RequestBody ManifestPatch patch) {
        return manifests.remove(catalogId, version, architecture, field(field), patch, CurrentCaller.require());
    }

    /**
     * The reference's host endpoints reach the catalog when a client sends them to the suite's URL: say where they
     * belong instead of a bare 404.
     */
    @RequestMapping({
        AgentApi.CATALOG_PUSH,
        AgentApi.CATALOG_PUSH_ASYNC,
        AgentApi.CATALOG_PULL,
        AgentApi.CATALOG_PULL_ASYNC
    })
    @Operation(summary = "Not here: push and pull run on a host agent")
    void hostEndpoint(HttpServletRequest request) {
        throw new ProblemException(
                HttpStatus.MISDIRECTED_REQUEST,
                "host-endpoint",
                "Push and pull run on a host",
                request.getRequestURI() + " is served by the host agent of the Mac that holds (or should receive) the"
                        + " VM: call that agent's URL, or create a VM from an image with catalog_manifest through"
                        + " POST /api/v1/orchestrator/machines.");
    }

    private static Field field(String path) {
        return switch (path) {
            case "tags" -> Field.TAGS;
            case "roles" -> Field.ROLES;
            default -> Field.CLAIMS;
        };
    }
}
